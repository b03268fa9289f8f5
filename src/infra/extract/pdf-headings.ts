import type { PdfLine } from './pdf-layout.js';
import { SectionStack, collapseSpaces } from './segments.js';

/**
 * Headings recognised by font size, for PDFs without an outline: short lines set noticeably larger than the
 * body text (the size most characters in the document use). Distinct heading sizes become levels, largest
 * first. A size used once, on page 1, above all others is the document's title rather than a section; a line
 * repeated on many pages is a running header.
 */
export interface FontHeadings {
  /** Section of every line, indexed like the input pages. */
  sections: (string | null)[][];
  title: string | null;
}

const MIN_RATIO = 1.15;
const MIN_POINTS_ABOVE = 1;
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 15;
const MAX_LEVELS = 4;
// If "headings" are this common, size differences carry no structure (e.g. slides in large type).
const MAX_HEADING_SHARE = 0.3;

function bodySize(pages: readonly PdfLine[][]): number {
  const chars = new Map<number, number>();
  for (const line of pages.flat()) chars.set(line.size, (chars.get(line.size) ?? 0) + line.text.length);
  let best = 0;
  let most = -1;
  for (const [size, count] of chars) if (count > most) [best, most] = [size, count];
  return best;
}

const isCandidate = (line: PdfLine, body: number) =>
  line.size >= body * MIN_RATIO &&
  line.size - body >= MIN_POINTS_ABOVE &&
  line.text.length <= MAX_HEADING_CHARS &&
  line.text.split(/\s+/).length <= MAX_HEADING_WORDS &&
  /\p{L}/u.test(line.text);

const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#');

export function findFontHeadings(pages: readonly PdfLine[][]): FontHeadings {
  const none: FontHeadings = { sections: pages.map((lines) => lines.map(() => null)), title: null };
  const body = bodySize(pages);
  const candidates = pages.map((lines) => lines.map((line) => isCandidate(line, body)));
  const total = pages.reduce((n, lines) => n + lines.length, 0);
  const found = candidates.flat().filter(Boolean).length;
  if (found === 0 || found > total * MAX_HEADING_SHARE) return none;

  const pagesWith = new Map<string, Set<number>>();
  for (const [p, lines] of pages.entries()) {
    for (const [i, line] of lines.entries()) {
      if (!candidates[p]![i]) continue;
      const key = runningKey(line.text);
      pagesWith.set(key, (pagesWith.get(key) ?? new Set()).add(p));
    }
  }
  const running = (line: PdfLine) => (pagesWith.get(runningKey(line.text))?.size ?? 0) > Math.max(2, pages.length * 0.3);

  // Group lines into headings first: a heading wrapped over two lines of one size is one heading.
  const groups: { page: number; line: number; size: number; title: string }[] = [];
  const groupAt = new Map<string, (typeof groups)[number]>();
  for (const [p, lines] of pages.entries()) {
    for (const [i, line] of lines.entries()) {
      if (!candidates[p]![i] || running(line)) continue;
      const previous = groups[groups.length - 1];
      if (previous && previous.page === p && previous.line + 1 === i && previous.size === line.size) {
        previous.title += ` ${line.text}`;
        previous.line = i;
      } else {
        const group = { page: p, line: i, size: line.size, title: line.text };
        groups.push(group);
        groupAt.set(`${p}:${i}`, group);
      }
    }
  }

  const sizes = [...new Set(groups.map((g) => g.size))].sort((a, b) => b - a);
  const largest = groups.filter((g) => g.size === sizes[0]);
  const titleGroup = sizes.length > 1 && largest.length === 1 && largest[0]!.page === 0 ? largest[0]! : null;
  if (titleGroup) sizes.shift();

  const stack = new SectionStack();
  const sections = pages.map((lines, p) =>
    lines.map((_, i) => {
      const group = groupAt.get(`${p}:${i}`);
      if (group && group !== titleGroup) stack.enter(Math.min(sizes.indexOf(group.size) + 1, MAX_LEVELS), collapseSpaces(group.title));
      return stack.path;
    }),
  );
  return { sections, title: titleGroup ? collapseSpaces(titleGroup.title) : null };
}
