import { renderPlainText } from '../../../core/index.js';

/**
 * Sentences of a segment, each with its exact original text (so quotes are verbatim), plus the junk filters
 * that keep the offline generator away from tables, references and fragments.
 */

export interface Sentence {
  /** Verbatim slice of the segment text, trimmed. */
  text: string;
  /** Offset in the segment text, for ordering. */
  start: number;
}

/** A period after these is not a sentence end ("e.g.", "Dr.", "Fig. 3", "Donaldson v. Beckett"). */
const ABBREVIATIONS = new Set('e.g i.e etc dr mr mrs ms vs v fig figs p pp cf no vol ed eds sr sra dra ud uds aprox pág cap st'.split(' '));
/**
 * Sentence ends (with a footnote number: "today.16 These"); also blank lines, a line break before a list item, and a line break after a short line that
 * has no end punctuation before a capitalised line (titles and notes' lines; wrapped prose lines are longer).
 */
const BOUNDARY =
  /([.!?\u2026]+["'\u201D\u2019\u00BB)\]]*(?:(?<=\p{Ll}[.!?]["'\u201D\u2019)]?)\d{1,3}(?=\s+\p{Lu}))?)(\s+)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*\u2022\u25AA\u2013]|\d+[.)])\s)|(?<=^[^\n]{0,50}[^\n.!?,;])\n(?=[ \t]*[\p{Lu}\d¿¡])/gmu;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, start: from + lead });
  };
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + (m[1]?.length ?? 0);
    if (m[1]) {
      // The whole word before the period: "p2p." is not the abbreviation "p.".
      const word = /(?<![\p{L}\p{N}])([\p{L}.]+)\.+$/u.exec(text.slice(Math.max(from, m.index - 20), end))?.[1]?.toLowerCase() ?? '';
      // Initials: "J. Smith", "D.C. Circuit", "U.S. Congress".
      if (ABBREVIATIONS.has(word.replace(/\.$/, '')) || /(?:^|[\s.])\p{Lu}$/u.test(text.slice(Math.max(from, m.index - 2), m.index)))
        continue;
      // "1. All cells..." is one list item, not a sentence "1." followed by another.
      if (/^[ \t]*\d+$/u.test(text.slice(text.lastIndexOf('\n', m.index - 1) + 1, m.index))) continue;
    }
    push(end);
    from = m.index + m[0].length;
  }
  push(text.length);
  return sentences;
}

/** Sections whose content makes no study cards. */
const JUNK_SECTION =
  /^(references|bibliography|works cited|further reading|index|contents|table of contents|acknowledg(e)?ments|notes|endnotes|copyright|cover|title page|dedication|colophon|about the authors?|list of (figures|tables)|end of document|referencias|bibliograf[ií]a|[íi]ndice|agradecimientos|notas|contenidos?|portada|dedicatoria|cr[eé]ditos|fin del documento)$/iu;

export const lastSectionPart = (section: string | null): string => (section ?? '').split(' > ').at(-1)!.trim();

/** Any level counts: the pages under "Notes > Chapter 3" are notes too. */
export const isJunkSection = (section: string | null): boolean =>
  (section ?? '')
    .split(' > ')
    .some((part) => JUNK_SECTION.test(stripHeadingNumber(part.trim()).replace(/^["'\u201C\u00AB]+|["'\u201D\u00BB]+$/gu, '')));

/** "Chapter 2: Cell Division" -> "Cell Division"; "2.1 Mitosis" -> "Mitosis"; "Tema 3. La célula" -> "La célula". */
export function stripHeadingNumber(heading: string): string {
  return heading
    .replace(/^(chapter|cap[ií]tulo|section|secci[oó]n|tema|unit|unidad|part|parte|lesson|lecci[oó]n)\s+/iu, '')
    .replace(/^([\dIVXLC]+(\.\d+)*|[A-Z])\s*[.:)\-\u2013\u2014]?\s+/u, '')
    .trim();
}

const REFERENCE_LIKE = /https?:\/\/|www\.|\bdoi\b|\bisbn\b|\bet al\.|\bpp?\.\s*\d|\(\s*(19|20)\d{2}[a-z]?\s*\)|^\s*\[\d+\]/iu;
/** Copyright pages, print-shop marks ("14773_01.qxd 2/10/04 3:51 PM Page 21") and tables of contents. */
const FRONT_MATTER =
  /\u00A9|\bcopyright\s+(\(c\)|\d{4})|all rights reserved|derechos reservados|\.qxd\b|\.{4,}\s*\d|(\b(chapter|cap[ií]tulo|section|secci[oó]n|part)\b.*){3}/iu;

export const isListItem = (text: string): boolean => /^(?:[-*\u2022\u25AA\u2013]|\d+[.)])\s/u.test(text);

/** Starts in lower case (after any list marker): the tail of a sentence begun on the previous page or line. */
export const startsMidSentence = (text: string): boolean => /^\p{Ll}/u.test(text.replace(/^(?:[-*\u2022\u25AA\u2013]|\d+[.)])\s+/u, ''));

/** Too short, mostly numbers (tables), reference-like or shouting (running headers). */
export function isJunkSentence(text: string): boolean {
  // Questions in the text are prompts, not facts to learn.
  if (text.length < 25 || text.length > 600 || /\?["'\u201D\u00BB)]*$/u.test(text)) return true;
  const visible = text.replace(/\s/g, '');
  const letters = (visible.match(/\p{L}/gu) ?? []).length;
  const digits = (visible.match(/\p{N}/gu) ?? []).length;
  if (letters / visible.length < 0.7 || digits / visible.length > 0.15) return true;
  if (REFERENCE_LIKE.test(text) || FRONT_MATTER.test(text)) return true;
  const words = text.match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return true;
  // A title line ("Biology 101 - Cell Structure and Function"): no end punctuation, mostly capitalised words.
  const long = words.filter((w) => w.length >= 3);
  if (!/[.!?\u2026:;"'\u201D)]$/u.test(text) && long.filter((w) => /^\p{Lu}/u.test(w)).length >= long.length * 0.6) return true;
  return letters > 0 && (text.match(/\p{Lu}/gu) ?? []).length / letters > 0.6;
}

/** For questions and answers: line-end hyphenation undone and whitespace collapsed (quotes stay verbatim). */
export const displayText = (text: string): string => {
  const plain = text
    .replace(/(\p{L})-[ \t]*\n\s*(\p{L})/gu, '$1$2')
    // Footnote numbers after a sentence end ("today.16", "fight.\u201D26") are not words of the sentence.
    .replace(/(?<=\p{L}[.!?]["'\u201D\u2019)]?)\d{1,3}(?=\s|$)/gu, '');
  // Markdown emphasis and HTML as a reader sees them ("La **célula** es..." is a definition of "célula"); most
  // sentences have no markup character at all and skip the rendering (it is called for every sentence of a book).
  return MARKUP_CHAR.test(plain) ? renderPlainText(plain) : plain.replace(/\s+/gu, ' ').trim();
};

const MARKUP_CHAR = /[*_<&#[`]|^[ \t]*[-+>\u2022\u25AA\u25CF]/mu;

/** A verbatim quote of at most `max` characters: the sentence, or its beginning cut at a word boundary. */
export function quoteOf(sentence: string, max = 280): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.lastIndexOf(' ', max);
  return sentence.slice(0, cut > 40 ? cut : max).trimEnd();
}

export const capitalize = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** Lower-cases a leading capital unless the word is an acronym or a name-like multi-capital word. */
export const lowerFirst = (text: string): string =>
  /^\p{Lu}(\p{Ll}|\s|$)/u.test(text) ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text;
