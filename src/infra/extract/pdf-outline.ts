import { SECTION_SEPARATOR, collapseSpaces } from './segments.js';

/**
 * Sections from a PDF's outline (bookmarks). Each entry is resolved to the page it points at (and, for
 * XYZ/FitH destinations, the height on that page), and named "Parent > Child" after its ancestors.
 */
export interface SectionStart {
  pageIndex: number;
  /** Top of the destination in PDF space; null means "from the top of the page". */
  top: number | null;
  path: string;
}

interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineItem[];
}

/** The slice of pdf.js's PDFDocumentProxy this needs, so tests and callers are not tied to its full type. */
export interface OutlineSource {
  getOutline(): Promise<OutlineItem[] | null>;
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: { num: number; gen: number }): Promise<number>;
}

// A hostile outline can be enormous; real books have hundreds of entries, not tens of thousands.
const MAX_ENTRIES = 10_000;

function topOf(dest: unknown[]): number | null {
  const kind = (dest[1] as { name?: string } | undefined)?.name;
  const value = kind === 'XYZ' ? dest[3] : kind === 'FitH' || kind === 'FitBH' ? dest[2] : kind === 'FitR' ? dest[5] : null;
  return typeof value === 'number' ? value : null;
}

async function resolve(source: OutlineSource, item: OutlineItem): Promise<{ pageIndex: number; top: number | null } | null> {
  try {
    const dest = typeof item.dest === 'string' ? await source.getDestination(item.dest) : item.dest;
    if (!Array.isArray(dest) || dest.length === 0) return null; // a URL or action, not a place in this file
    const target = dest[0];
    const pageIndex =
      typeof target === 'number'
        ? target
        : target && typeof target === 'object' && 'num' in target
          ? await source.getPageIndex(target as { num: number; gen: number })
          : null;
    return pageIndex === null ? null : { pageIndex, top: topOf(dest) };
  } catch {
    return null; // a dangling reference: skip the entry, keep the rest of the outline
  }
}

/** Section starts sorted by page (outline order within a page); empty when there is no usable outline. */
export async function readOutline(source: OutlineSource, pageCount: number): Promise<SectionStart[]> {
  const outline = await source.getOutline().catch(() => null);
  const starts: SectionStart[] = [];
  let visited = 0;
  const visit = async (items: OutlineItem[], parents: string[]): Promise<void> => {
    for (const item of items) {
      if (++visited > MAX_ENTRIES) return;
      const title = collapseSpaces(item.title ?? '');
      const path = title ? [...parents, title] : parents;
      const target = title ? await resolve(source, item) : null;
      if (target && target.pageIndex >= 0 && target.pageIndex < pageCount) {
        starts.push({ ...target, path: path.join(SECTION_SEPARATOR) });
      }
      await visit(item.items ?? [], path);
    }
  };
  await visit(outline ?? [], []);
  // Array.prototype.sort is stable, so entries on one page keep their outline (reading) order.
  return starts.sort((a, b) => a.pageIndex - b.pageIndex);
}

/**
 * The section of each line, page by page. A page belongs to the last entry before it until the next one;
 * on a page where entries start, a line belongs to the last entry whose top is at or above the line.
 */
export class OutlineSections {
  private current: string | null = null;
  private readonly byPage = new Map<number, SectionStart[]>();

  constructor(starts: readonly SectionStart[]) {
    for (const start of starts) this.byPage.set(start.pageIndex, [...(this.byPage.get(start.pageIndex) ?? []), start]);
  }

  /** Call for every page in order; returns the section of a line at baseline `y` with font size `size`. */
  forPage(pageIndex: number): (y: number, size: number) => string | null {
    const inherited = this.current;
    const starts = this.byPage.get(pageIndex) ?? [];
    if (starts.length > 0) this.current = starts[starts.length - 1]!.path;
    return (y, size) => {
      let section = inherited;
      // Destinations point at the top of the heading, a little above its baseline.
      for (const start of starts) if (start.top === null || y <= start.top + size * 0.5) section = start.path;
      return section;
    };
  }
}
