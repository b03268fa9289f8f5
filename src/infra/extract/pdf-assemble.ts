import type { TextSegment } from '../../core/index.js';
import type { HyphenationDictionary } from './dehyphenate.js';
import { findFontHeadings } from './pdf-headings.js';
import type { PdfLine } from './pdf-layout.js';
import { OutlineSections, type SectionStart } from './pdf-outline.js';
import { SegmentBuilder } from './segments.js';

/**
 * Lines of every page -> segments with page and section. Sections come from the outline when it has usable
 * entries, otherwise from font-size headings. Lines are joined within a page only: a page boundary is also a
 * citation boundary, so a word hyphenated across two pages stays split.
 */
export interface AssembledPdf {
  segments: TextSegment[];
  headingTitle: string | null;
}

// Baselines further apart than this many font sizes mark a new paragraph (body leading is ~1.2-1.5).
const PARAGRAPH_GAP = 1.9;

export function assemblePdf(pages: readonly PdfLine[][], outline: readonly SectionStart[], words: HyphenationDictionary): AssembledPdf {
  const fromOutline = new OutlineSections(outline);
  const fromFonts = outline.length === 0 ? findFontHeadings(pages) : null;
  const builder = new SegmentBuilder();
  pages.forEach((lines, p) => {
    const outlineSection = fromOutline.forPage(p);
    // Lines are collected as parts and joined once per run: growing one string and re-reading its end per line
    // would copy the page over and over.
    let run: { section: string | null; parts: string[] } | null = null;
    const flush = () => run && builder.add(p + 1, run.section, run.parts.join(''));
    lines.forEach((line, i) => {
      const section = fromFonts ? (fromFonts.sections[p]?.[i] ?? null) : outlineSection(line.y, line.size);
      const previous = lines[i - 1];
      if (run && previous && run.section === section) {
        const gap = previous.y - line.y;
        const paragraph = gap > previous.size * PARAGRAPH_GAP || gap < 0;
        const joined = paragraph ? null : words.joinHyphenated(run.parts[run.parts.length - 1]!, line.text);
        if (joined !== null) run.parts[run.parts.length - 1] = joined;
        else run.parts.push(paragraph ? '\n\n' : '\n', line.text);
      } else {
        flush();
        run = { section, parts: [line.text] };
      }
    });
    flush();
  });
  return { segments: builder.build(), headingTitle: fromFonts?.title ?? null };
}
