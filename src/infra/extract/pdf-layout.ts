/**
 * Turns pdf.js text items (runs of glyphs with a position) into lines. pdf.js gives items in content-stream
 * order, which is reading order for nearly all single- and multi-column documents; we only decide where a
 * line ends and where a space is missing between two runs.
 */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfLine {
  text: string;
  /** Baseline in PDF space (origin bottom-left, so larger is higher on the page). */
  y: number;
  /** The font size most of the line's characters are set in. */
  size: number;
}

// A gap wider than this share of the font size between two runs on one line is a word space.
const SPACE_GAP = 0.15;
// Runs whose baselines differ by less than this share of the font size are on the same line (sub/superscripts).
const SAME_LINE = 0.5;

interface OpenLine {
  text: string;
  y: number;
  endX: number;
  maxSize: number;
  sizes: Map<number, number>;
}

const fontSize = (t: number[], height: number) => Math.hypot(t[2] ?? 0, t[3] ?? 0) || height || Math.hypot(t[0] ?? 0, t[1] ?? 0);

function dominantSize(sizes: Map<number, number>): number {
  let best = 0;
  let bestChars = -1;
  for (const [size, chars] of sizes) if (chars > bestChars) [best, bestChars] = [size, chars];
  return best;
}

export function itemsToLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let open: OpenLine | null = null;
  const close = () => {
    if (open && open.text.trim() !== '') lines.push({ text: open.text.trim(), y: open.y, size: dominantSize(open.sizes) });
    open = null;
  };
  for (const item of items) {
    const [, , , , x = 0, y = 0] = item.transform;
    const size = fontSize(item.transform, item.height);
    const current: OpenLine | null = open;
    // Measured against the larger of the two sizes, so a small superscript stays on its big line.
    const tolerance = SAME_LINE * Math.max(size, current?.maxSize ?? 0);
    if (current && (Math.abs(y - current.y) > tolerance || x < current.endX - 2 * size)) close();
    if (!open) open = { text: '', y, endX: x, maxSize: 0, sizes: new Map() };
    const line: OpenLine = open;
    line.maxSize = Math.max(line.maxSize, size);
    if (item.str !== '') {
      const gap = x - line.endX;
      if (line.text !== '' && gap > SPACE_GAP * size && !/\s$/.test(line.text) && !/^\s/.test(item.str)) line.text += ' ';
      line.text += item.str;
      line.endX = x + item.width;
      const rounded = Math.round(size * 2) / 2;
      const chars = item.str.replace(/\s/g, '').length;
      if (chars > 0) line.sizes.set(rounded, (line.sizes.get(rounded) ?? 0) + chars);
    }
    if (item.hasEOL) close();
  }
  close();
  return lines;
}
