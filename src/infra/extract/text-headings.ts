/**
 * Headings in plain text and Markdown, as students write them:
 *   # ATX headings (levels 1-6)          ===== Banner =====  (level 1; ----- Banner ----- level 2)
 *   Setext title / =====  (level 1)      Setext title / -----  (level 2)
 *   Chapter 3 / Capítulo 3 / Unit 2 / Tema 4 ...  (level 1)   Section 1.2 / Sección 1.2 ...  (level 2)
 * Lines inside fenced code blocks are never headings (a "# comment" in Python is not a chapter).
 */
export interface TextHeading {
  level: number;
  title: string;
  /** Lines the heading occupies (2 for setext: the title and its underline). */
  lines: 1 | 2;
}

const MAX_HEADING_LENGTH = 120;
const ATX = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const BANNER = /^\s*([=-])\1{2,}\s*(\S.*?)\s*\1{3,}\s*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-{2,})[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const ROMAN_OR_NUMBER = '(?:\\d+(?:\\.\\d+)*|[IVXLC]+)\\b';
const CHAPTER = new RegExp(
  `^\\s*(?:chapter|cap[ií]tulo|chapitre|kapitel|capitolo|unit|unidad|unité|part|parte|lesson|lecci[oó]n|tema|module|m[oó]dulo)\\s+${ROMAN_OR_NUMBER}`,
  'iu',
);
const SECTION = new RegExp(`^\\s*(?:section|secci[oó]n|subsection|apartado|sezione)\\s+${ROMAN_OR_NUMBER}`, 'iu');
// A keyword line that reads as a sentence ("Chapter 3 explains why.") is prose, not a heading.
const SENTENCE_END = /[.,;]\s*$/;

const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';
const isListItem = (line: string) => /^\s*(?:[-*+]|\d+[.)])\s/.test(line);

function keywordHeading(line: string): number | null {
  if (line.length > MAX_HEADING_LENGTH || SENTENCE_END.test(line)) return null;
  if (CHAPTER.test(line)) return 1;
  if (SECTION.test(line)) return 2;
  return null;
}

/** Finds the heading starting at `lines[i]`, if any (setext headings look at the lines around it). */
function headingAt(lines: readonly string[], i: number): TextHeading | null {
  const line = lines[i]!;
  const atx = ATX.exec(line);
  if (atx) return { level: atx[1]!.length, title: atx[2]!.trim(), lines: 1 };
  const banner = BANNER.exec(line);
  if (banner) return { level: banner[1] === '=' ? 1 : 2, title: banner[2]!.trim(), lines: 1 };
  const next = lines[i + 1];
  // Setext only for a one-line paragraph: an underline below several lines is more likely a rule.
  if (next !== undefined && SETEXT_UNDERLINE.test(next) && !isBlank(line) && isBlank(lines[i - 1])) {
    if (line.length <= MAX_HEADING_LENGTH && !isListItem(line)) {
      return { level: next.trim()[0] === '=' ? 1 : 2, title: line.trim(), lines: 2 };
    }
  }
  const level = keywordHeading(line);
  return level === null ? null : { level, title: line.trim(), lines: 1 };
}

/** Headings by line index. */
export function findTextHeadings(lines: readonly string[]): Map<number, TextHeading> {
  const headings = new Map<number, TextHeading>();
  let inFence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]!);
    if (fence) {
      if (inFence === null) inFence = fence[1]!;
      else if (fence[1] === inFence) inFence = null;
      continue;
    }
    if (inFence !== null) continue;
    const heading = headingAt(lines, i);
    if (heading) {
      headings.set(i, heading);
      i += heading.lines - 1;
    }
  }
  return headings;
}
