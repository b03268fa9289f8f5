import { CoreError } from '../../../core/index.js';
import { openOcrSession, type OcrSession, type OcrSettings, type RecognisedPage } from './ocr-engine.js';

/**
 * OCR for one document: the tesseract session starts on the first page that needs it (a PDF with a text
 * layer on every page never starts one) and is closed with the document.
 */
export class DocumentOcr {
  private session: Promise<OcrSession> | null = null;

  constructor(private readonly settings: OcrSettings) {}

  /** Resolution PDF pages are drawn at for recognition. */
  get dpi(): number | undefined {
    return this.settings.dpi;
  }

  async recognise(image: Uint8Array, what: string): Promise<RecognisedPage> {
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
