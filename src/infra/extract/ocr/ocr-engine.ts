import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PdfLine } from '../pdf-layout.js';
import { languageFolder } from './ocr-languages.js';

/**
 * Text recognition with tesseract.js (Tesseract compiled to WebAssembly; its own worker thread). A session
 * serves one document: it is opened on the first page that needs it and closed when the document is done,
 * so no thread outlives the work (a CLI run ends, a Lambda invocation leaves nothing running).
 */
export interface OcrSettings {
  /** Tesseract language codes, e.g. ["eng"] or ["eng", "deu"]; each needs its @tesseract.js-data package. */
  languages: string[];
  /** Where tesseract.js keeps unpacked language data between sessions; must be writable. Default: the OS temp folder. */
  cachePath?: string;
  /** Resolution PDF pages are drawn at for recognition; default 200 (render-pdf-page.ts says why). */
  dpi?: number;
  /** Most pages of one document read by OCR (a few seconds each); a document needing more is refused. Default 500. */
  maxPages?: number;
}

export interface RecognisedPage {
  /** Lines in reading order, positioned like pdf.js lines (y grows upwards) so PDF assembly treats them alike. */
  lines: PdfLine[];
  /** Tesseract's mean word confidence, 0 to 1. */
  confidence: number;
}

export interface OcrSession {
  /** An image file's bytes (PNG or JPEG). */
  recognise(image: Uint8Array): Promise<RecognisedPage>;
  close(): Promise<void>;
}

export const defaultCachePath = () => path.join(tmpdir(), 'opendeck-ocr');

interface TesseractLine {
  text: string;
  bbox: { y0: number; y1: number };
  baseline?: { y0: number; y1: number };
  rowAttributes?: { rowHeight?: number };
}
interface TesseractBlock {
  paragraphs: { lines: TesseractLine[] }[];
}

function toLines(blocks: TesseractBlock[] | null, imageHeight: number): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+/g, ' ').trim();
        if (text === '') continue;
        const baseline = line.baseline ? (line.baseline.y0 + line.baseline.y1) / 2 : line.bbox.y1;
        // Row height (ascender to descender) stands in for the font size: only ratios between lines matter here.
        const height = line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0;
        lines.push({ text, y: imageHeight - baseline, size: Math.max(1, Math.round(height)) });
      }
    }
  }
  return lines;
}

/** Height in pixels from a PNG's, JPEG's or PGM's header, for flipping tesseract's top-down coordinates. */
export function imageHeightOf(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && bytes.length >= 24) return view.getUint32(20);
  if (bytes[0] === 0x50 && bytes[1] === 0x35) {
    const header = /^P5\s+\d+\s+(\d+)/.exec(new TextDecoder().decode(bytes.subarray(0, 32)));
    return header ? Number(header[1]) : 0;
  }
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) break;
    const marker = bytes[i + 1]!;
    const length = view.getUint16(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return view.getUint16(i + 5);
    i += 2 + length;
  }
  return 0;
}

export async function openOcrSession(settings: OcrSettings): Promise<OcrSession> {
  const cachePath = settings.cachePath ?? defaultCachePath();
  await mkdir(cachePath, { recursive: true });
  const langPath = await languageFolder(settings.languages, cachePath);
  // Loaded here, not at the top: the API process (and the API Lambda) never reads a scanned page.
  const { createWorker, OEM } = await import('tesseract.js');
  const worker = await createWorker(settings.languages.join('+'), OEM.LSTM_ONLY, {
    langPath,
    cachePath,
    gzip: true,
    // Without a handler tesseract.js also throws a failed job's error where nobody can catch it; the rejected
    // promise of recognize() is what DocumentOcr turns into a sentence.
    errorHandler: () => undefined,
  });
  // Tesseract retries every doubtful line upside-down in case it is white-on-black; on paper that doubles the
  // work on the hard lines for nothing (measured: about a fifth of the recognition time on a dense page).
  await worker.setParameters({ tessedit_do_invert: '0' });
  return {
    async recognise(image) {
      const result = await worker.recognize(
        Buffer.from(image.buffer, image.byteOffset, image.byteLength),
        {},
        { blocks: true, text: true },
      );
      const blocks = result.data.blocks as unknown as TesseractBlock[] | null;
      const height =
        imageHeightOf(image) || Math.max(0, ...(blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.map((l) => l.bbox.y1))));
      return { lines: toLines(blocks, height), confidence: Math.round(result.data.confidence) / 100 };
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
