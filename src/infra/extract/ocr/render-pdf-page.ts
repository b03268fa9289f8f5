import { createIsomorphicCanvasFactory, type getDocumentProxy } from 'unpdf';

/**
 * A PDF page as a greyscale picture for OCR, at about 200 dpi: Tesseract reads body text best with capital
 * letters some 20-30 pixels high, which 200 dpi gives for 10-12 pt type; more costs time and memory for no
 * accuracy. Huge pages (posters) are drawn smaller, so one page never needs more than MAX_PIXELS of canvas.
 *
 * The picture is handed over as PGM (a header and one byte per pixel) rather than PNG: Tesseract works in grey
 * anyway, and skipping the PNG encode here and the decode in WebAssembly saved about 0.3 s of CPU a page.
 */
export const OCR_DPI = 200;
const MAX_PIXELS = 16_000_000;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type RenderParameters = Parameters<Awaited<ReturnType<PdfDocument['getPage']>>['render']>[0];

export interface PageSize {
  width: number;
  height: number;
}

export function renderScale(size: PageSize, dpi = OCR_DPI): number {
  const scale = dpi / 72;
  const pixels = size.width * size.height * scale * scale;
  return pixels <= MAX_PIXELS ? scale : Math.sqrt(MAX_PIXELS / (size.width * size.height));
}

/** RGBA pixels -> binary PGM ("P5"), luminance with the Rec. 601 weights. */
export function toPgm(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  for (let i = 0, j = header.length; j < out.length; i += 4, j++) {
    out[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  }
  return out;
}

let canvasRegistered: Promise<unknown> | null = null;

export async function renderPdfPage(doc: PdfDocument, pageNumber: number, size: PageSize, dpi = OCR_DPI): Promise<Uint8Array> {
  // Loaded on the first scanned page only. Registering it with unpdf lets pdf.js make the scratch canvases it
  // needs for images and masks.
  canvasRegistered ??= createIsomorphicCanvasFactory(() => import('@napi-rs/canvas'));
  await canvasRegistered;
  const { createCanvas } = await import('@napi-rs/canvas');
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: renderScale(size, dpi) });
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    // Transparent pixels would read as black: paper is white.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas, canvasContext: context, viewport } as unknown as RenderParameters).promise;
    return toPgm(context.getImageData(0, 0, width, height).data, width, height);
  } finally {
    page.cleanup();
  }
}
