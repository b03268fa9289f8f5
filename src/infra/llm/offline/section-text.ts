/**
 * Headings inside a segment's text. Extractors keep the heading line ("Section 2.1: Structure of the Cell
 * Membrane", "===== Arrays =====", "## Mitosis"), and a DOCX may run it into the first sentence ("CHAPTER ONE:
 * Creators In 1928, a cartoon..."). A heading is not a fact: it must never be an answer, a cloze or a quote.
 */
import { stripHeadingNumber } from './sentences.js';

const LABEL = '(?:chapter|cap[ií]tulo|section|secci[oó]n|tema|unit|unidad|part|parte|lesson|lecci[oó]n)';
const NUMBER =
  '(?:[\\dIVXLC]+(?:\\.\\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|' +
  'uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)';
const OPEN = '[\\s=#*_]*';
const PREFIX = `(?:${LABEL}\\s+${NUMBER}\\s*[.:)\\-\\u2013\\u2014]?\\s*|${NUMBER}\\s*[.:)\\-\\u2013\\u2014]\\s*|${NUMBER}\\s+)?`;
const QUOTE = '["\'\\u201C\\u201D\\u00AB\\u00BB]?';
const CLOSE = '[\\s=#*_:.]*';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matchers for the headings a segment of `section` may start with: its own and its parents', with or without numbers. */
export function headingMatchers(section: string | null): RegExp[] {
  const names = new Set<string>();
  for (const part of (section ?? '').split(' > ')) {
    for (const name of [part, stripHeadingNumber(part)]) {
      const bare = name.replace(/^["'\u201C\u201D\u00AB\u00BB\s]+|["'\u201C\u201D\u00AB\u00BB\s]+$/gu, '');
      if (/\p{L}/u.test(bare)) names.add(bare);
    }
  }
  // Longest first, so "Section 1.1: Cells" wins over "Cells" and the whole heading is cut.
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => {
      const words = name.split(/\s+/u).map(escape).join(`${QUOTE}[\\s:.,\\-\\u2013\\u2014]+${QUOTE}`);
      return new RegExp(`^(?<open>${OPEN}${PREFIX})${QUOTE}${words}${QUOTE}(?![\\p{L}\\p{N}])(?<close>${CLOSE})`, 'iu');
    });
}

/**
 * How many leading characters of `sentence` are a heading (0 if it does not start with one). A heading run
 * into a sentence must look like one ("CHAPTER ONE: Creators In 1928", "Mitosis\nMitosis is..."): "Arrays
 * store elements..." under the heading "Arrays" is a sentence about arrays.
 */
export function headingLength(sentence: string, matchers: RegExp[]): number {
  for (const matcher of matchers) {
    const match = matcher.exec(sentence);
    if (!match) continue;
    const rest = sentence.slice(match[0].length);
    // Marked as a heading by a label or number, by its own line, or by capitals ("CONCLUSION There are...").
    const head = match[0].slice(match.groups!.open!.length);
    const shouted = /\p{Lu}{3}/u.test(head) && !/\p{Ll}/u.test(head);
    const marked = /\S/u.test(match.groups!.open!) || /[\n:=#]/u.test(match.groups!.close!) || shouted;
    if (rest === '' || (marked && /^[\p{Lu}\p{N}"'\u201C\u00AB\u00BF\u00A1]/u.test(rest))) return match[0].length;
  }
  return 0;
}

/** A heading's name for questions: "Chapter 2: Cell Division" -> "Cell Division"; depth 2 is the parent heading. */
export function headingName(section: string | null, depth = 1): string {
  const parts = (section ?? '').split(' > ');
  return stripHeadingNumber(parts[parts.length - depth]?.trim() ?? '')
    .replace(/[.:]+$/u, '')
    .replace(/^["'\u201C\u201D\u00AB]+|["'\u201C\u201D\u00BB]+$/gu, '')
    .trim();
}
