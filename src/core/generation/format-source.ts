/**
 * The human-readable source line of a card: "Biology101.pdf - Page 3, Section 1.2". Only the innermost
 * heading is shown (a student looks for the nearest heading; the full path stays in source_ref.section), and
 * "Section" is added only when the heading does not already say what it is ("Chapter 2: ...", "Sección 1.1").
 * A heading that starts with its number ("5.2 Mitosis", "1.2") does get it: "Page 3, 1.2 Mitosis" reads as two
 * numbers, "Page 3, Section 1.2 Mitosis" does not. Missing parts are left out.
 */

/** The card `source` limit: longer headings are cut with an ellipsis so the line always fits. */
export const SOURCE_MAX_CHARS = 500;
/** A document name is cut only if it alone would leave no room for the location. */
const NAME_MAX_CHARS = 300;

const SELF_LABELLED =
  /^(?:section|secci[oó]n|chapter|cap[ií]tulo|part|parte|tema|unit|unidad|lesson|lecci[oó]n|module|m[oó]dulo|appendix|ap[eé]ndice|§)(?:\s|\d|$)/iu;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}\u2026`;
}

/** "Chapter 5: ER > Section 5.2: Smooth ER" -> "Section 5.2: Smooth ER"; "1.2 Cells" -> "Section 1.2 Cells"; "Mitosis" -> "Section Mitosis". */
export function sectionLabel(section: string): string {
  const innermost = section.split(' > ').at(-1)!.replace(/\s+/gu, ' ').trim();
  return SELF_LABELLED.test(innermost) ? innermost : `Section ${innermost}`;
}

/** What a page number counts: a presentation's pages are its slides ("Lecture3.pptx - Slide 7"). */
export type PageLabel = 'Page' | 'Slide';

export function formatSource(documentName: string, page: number | null, section: string | null, pageLabel: PageLabel = 'Page'): string {
  const name = truncate(documentName.replace(/\s+/gu, ' ').trim(), NAME_MAX_CHARS);
  const pagePart = page === null ? null : `${pageLabel} ${page}`;
  const label = section?.trim() ? sectionLabel(section) : null;
  const head = pagePart && label ? `${name} - ${pagePart}, ` : label ? `${name} - ` : null;
  if (head === null) return pagePart ? `${name} - ${pagePart}` : name;
  return head + truncate(label!, SOURCE_MAX_CHARS - head.length);
}
