import type { ExtractedDocument, ExtractOptions, PageReading } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { descendants } from './office-xml.js';
import { warningsFor } from './page-warnings.js';
import { notesPartOf, readXmlPart, slidesInShownOrder } from './pptx-structure.js';
import { readNotes, readSlide } from './pptx-slide-text.js';
import { SafeZip } from './safe-zip.js';
import { finishDocument, SegmentBuilder } from './segments.js';
import { POWERPOINT_PRESENTATION, zipLimitsFor, type ZipLimits } from './zip-limits.js';

/**
 * PowerPoint (.pptx) text, one slide per page: slides in the order they are shown, each titled section
 * named after its slide title, body text and tables in drawing order, and the speaker notes in a section of
 * their own ("<title> > Speaker notes") so a card from them says where it came from. Hidden slides are
 * skipped (their numbers stay, as in PowerPoint). Every part comes through SafeZip: the DOCX zip-bomb rules.
 */
export const NOTES_SECTION = 'Speaker notes';

/** docProps/core.xml's dc:title; templates often leave it empty, and then the first slide title names the deck. */
async function coreTitle(zip: SafeZip): Promise<string | null> {
  const core = await readXmlPart(zip, 'docProps/core.xml');
  const title = core ? descendants(core, 'title')[0] : undefined;
  return (
    title?.children
      .map((c) => c.text ?? '')
      .join('')
      .replace(/\s+/g, ' ')
      .trim() || null
  );
}

export async function extractPptx(bytes: Uint8Array, limits: ZipLimits, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  options.signal?.throwIfAborted();
  const zip = await SafeZip.open(bytes, zipLimitsFor(limits, POWERPOINT_PRESENTATION));
  try {
    const slides = await slidesInShownOrder(zip);
    if (slides.length === 0)
      throw new CoreError('unprocessable', 'This presentation has no slides, so there is nothing to make cards from.');
    const builder = new SegmentBuilder();
    const readings: PageReading[] = [];
    const hidden: number[] = [];
    let firstTitle: string | null = null;
    for (const slide of slides) {
      options.signal?.throwIfAborted();
      const root = await readXmlPart(zip, slide.partName);
      const text = root ? readSlide(root) : { hidden: false, title: null, lines: [] };
      if (text.hidden) {
        hidden.push(slide.number);
      } else {
        const notesPart = await notesPartOf(zip, slide.partName);
        const notesRoot = notesPart ? await readXmlPart(zip, notesPart) : null;
        const notes = notesRoot ? readNotes(notesRoot) : [];
        const body = [...(text.title ? [text.title] : []), ...text.lines];
        builder.add(slide.number, text.title, body.join('\n'));
        builder.add(slide.number, text.title ? `${text.title} > ${NOTES_SECTION}` : NOTES_SECTION, notes.join('\n'));
        readings.push({ page: slide.number, method: body.length + notes.length > 0 ? 'text' : 'none', ocrConfidence: null });
        firstTitle ??= text.title;
      }
      options.onProgress?.(slide.number, slides.length);
    }
    const segments = builder.build();
    if (segments.length === 0) {
      throw new CoreError(
        'unprocessable',
        hidden.length === slides.length
          ? 'Every slide of this presentation is hidden, so there is nothing to make cards from. Unhide the slides to learn from and upload it again.'
          : 'This presentation has no text to make cards from (its slides may hold only pictures).',
      );
    }
    const title = (await coreTitle(zip)) ?? firstTitle;
    return {
      ...finishDocument('pptx', slides.length, segments, title),
      pageKind: 'slide',
      pages: readings,
      warnings: warningsFor('slide', readings, hidden),
    };
  } finally {
    zip.close();
  }
}
