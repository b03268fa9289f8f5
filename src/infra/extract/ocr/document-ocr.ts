import { CoreError } from '../../../core/index.js';
import { openOcrSession, type OcrSession, type OcrSettings, type RecognisedPage } from './ocr-engine.js';

/**
 * OCR for one document: the tesseract session starts on the first page that needs it (a PDF with a text
 * layer on every page never starts one) and is closed with the document.
 */
export const DEFAULT_MAX_OCR_PAGES = 500;

export class DocumentOcr {
  private session: Promise<OcrSession> | null = null;
  private pages = 0;

  constructor(private readonly settings: OcrSettings) {}

  /** Resolution PDF pages are drawn at for recognition. */
  get dpi(): number | undefined {
    return this.settings.dpi;
  }

  async recognise(image: Uint8Array, what: string): Promise<RecognisedPage> {
    const limit = this.settings.maxPages ?? DEFAULT_MAX_OCR_PAGES;
    if (++this.pages > limit) {
      throw new CoreError(
        'payload_too_large',
        `This document has more than ${limit} scanned pages to read by OCR (text recognition), at a few seconds each. Split it into smaller files, or upload a copy with real text.`,
      );
    }
    this.session ??= openOcrSession(this.settings);
    const session = await this.session;
    try {
      return await session.recognise(image);
    } catch {
      // tesseract.js rejects with a bare string (e.g. "Error attempting to read image") for undecodable input.
      throw new CoreError(
        'unprocessable',
        `${what} could not be read as an image: the file may be damaged. Open it, save it again as PNG or JPEG, and upload the copy.`,
      );
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await (await session).close().catch(() => undefined);
  }
}
