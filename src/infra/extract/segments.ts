import type { DocumentFormat, ExtractedDocument, TextSegment } from '../../core/index.js';
import { detectLanguage } from './language.js';

/** Building blocks shared by every format: the heading stack that names sections, and segment assembly. */

export const SECTION_SEPARATOR = ' > ';

/** Headings open sections; a heading of level n closes every open section of level >= n. */
export class SectionStack {
  private readonly open: { level: number; title: string }[] = [];

  enter(level: number, title: string): void {
    while (this.open.length > 0 && this.open[this.open.length - 1]!.level >= level) this.open.pop();
    this.open.push({ level, title });
  }

  get path(): string | null {
    return this.open.length === 0 ? null : this.open.map((s) => s.title).join(SECTION_SEPARATOR);
  }
}

/**
 * Characters that are never content: C0/C1 controls other than tab/newline, private-use glyphs of icon or
 * unmapped fonts, unassigned code points, the replacement character and soft hyphens.
 */
const NON_CONTENT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\ufffd\p{Co}\p{Cn}]/gu;

export const cleanText = (text: string): string => text.replace(NON_CONTENT, '').normalize('NFC');

export const collapseSpaces = (text: string): string => cleanText(text).replace(/\s+/g, ' ').trim();

/** Collects text pieces; consecutive pieces with the same page and section become one segment. */
export class SegmentBuilder {
  private readonly segments: TextSegment[] = [];

  add(page: number | null, section: string | null, text: string, separator = '\n'): void {
    const last = this.segments[this.segments.length - 1];
    // Blank pieces still separate paragraphs inside a segment, but never open one.
    if (last && last.page === page && last.section === section) last.text += separator + text;
    else if (text.trim() !== '') this.segments.push({ page, section, text });
  }

  build(): TextSegment[] {
    return this.segments
      .map((s) => ({
        ...s,
        text: cleanText(s.text)
          .replace(/[ \t]+\n/g, '\n')
          .replace(/\n{3,}/g, '\n\n')
          .trim(),
      }))
      .filter((s) => s.text !== '');
  }
}

export function finishDocument(
  format: DocumentFormat,
  pageCount: number | null,
  segments: TextSegment[],
  title: string | null,
): ExtractedDocument {
  const language = detectLanguage(segments.map((s) => s.text).join('\n'));
  return { format, pageCount, segments, language, title: title ? collapseSpaces(title) || null : null };
}
