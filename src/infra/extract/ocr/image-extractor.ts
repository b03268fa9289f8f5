import type { ExtractedDocument, ExtractOptions, PageReading } from '../../../core/index.js';
import { CoreError } from '../../../core/index.js';
import { HyphenationDictionary } from '../dehyphenate.js';
import { assemblePdf } from '../pdf-assemble.js';
import { warningsFor } from '../page-warnings.js';
import { finishDocument } from '../segments.js';
import { TextQuality } from '../text-quality.js';
import { DocumentOcr } from './document-ocr.js';
import type { OcrSettings } from './ocr-engine.js';
import { ocrIsOff } from './ocr-refusals.js';

/**
 * A photo or scan of one page (PNG, JPEG): one image is one page, its text read by OCR and laid out as a
 * PDF page's would be (paragraphs from line gaps, headings from larger type).
 */

/** Fewer letters than this is a photo with no text to learn from (a diagram, a blank page, a blurred shot). */
const MIN_LETTERS = 20;

export async function extractImage(
  bytes: Uint8Array,
  format: 'png' | 'jpeg',
  ocrSettings: OcrSettings | null,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  if (!ocrSettings) throw ocrIsOff();
  options.signal?.throwIfAborted();
  const ocr = new DocumentOcr(ocrSettings);
  try {
    const read = await ocr.recognise(bytes, `This ${format === 'png' ? 'PNG' : 'JPEG'} file`);
    const quality = new TextQuality();
    const words = new HyphenationDictionary();
    for (const line of read.lines) {
      quality.add(line.text);
      words.add(line.text);
    }
    if (quality.letterCount < MIN_LETTERS) {
      throw new CoreError(
        'unprocessable',
        'No text could be read in this image. Take the photo straight on, in good light and in focus, with the page filling the picture, and upload it again.',
      );
    }
    options.onProgress?.(1, 1);
    const { segments, headingTitle } = assemblePdf([read.lines], [], words);
    const readings: PageReading[] = [{ page: 1, method: 'ocr', ocrConfidence: read.confidence }];
    return { ...finishDocument(format, 1, segments, headingTitle), pages: readings, warnings: warningsFor('page', readings) };
  } finally {
    await ocr.close();
  }
}
