import { renderPageAsImage } from 'unpdf';

/**
 * A PDF page as a PNG for OCR, at about 200 dpi: Tesseract reads body text best with capital letters some
 * 20-30 pixels high, which 200 dpi gives for 10-12 pt type; more costs time and memory for no accuracy.
 * Huge pages (posters) are drawn smaller, so one page never needs more than MAX_PIXELS of canvas.
 */
export const OCR_DPI = 200;
const MAX_PIXELS = 16_000_000;

type PdfDocument = Parameters<typeof renderPageAsImage>[0];

export interface PageSize {
  width: number;
  height: number;
}

export function renderScale(size: PageSize): number {
  const scale = OCR_DPI / 72;
  const pixels = size.width * size.height * scale * scale;
  return pixels <= MAX_PIXELS ? scale : Math.sqrt(MAX_PIXELS / (size.width * size.height));
}

export async function renderPdfPage(doc: PdfDocument, pageNumber: number, size: PageSize): Promise<Uint8Array> {
  const png = await renderPageAsImage(doc, pageNumber, {
    // Loaded on the first scanned page only; unpdf would otherwise import it itself without telling us.
    canvasImport: () => import('@napi-rs/canvas'),
    scale: renderScale(size),
  });
  return new Uint8Array(png);
}
