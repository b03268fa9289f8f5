import type { TextSegment } from '../../core/index.js';
import { SectionStack, SegmentBuilder, collapseSpaces } from './segments.js';

/** The parts of mammoth's document tree we read (see mammoth/lib/documents.js). */
export interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  breakType?: 'line' | 'page' | 'column';
}

export interface DocxWalkResult {
  segments: TextSegment[];
  pageCount: number | null;
  title: string | null;
  firstHeading: string | null;
}

// Word's built-in style names are English whatever the UI language ("heading 1"); ids may be localised.
const HEADING_NAME = /^heading\s*([1-9])$/i;
const HEADING_ID = /^heading([1-9])$/i;

/**
 * Walks mammoth's tree in reading order: headings (Heading 1-9) open sections, Title names the document,
 * explicit page breaks advance the page. Page numbers are reported only if at least one break was seen:
 * without breaks, where pages fall depends on fonts and printers, and the section locates the text instead.
 */
export class DocxWalker {
  private readonly builder = new SegmentBuilder();
  private readonly sections = new SectionStack();
  private page = 1;
  private sawPageBreak = false;
  private title: string | null = null;
  private firstHeading: string | null = null;
  private pending = '';

  walk(node: MammothNode): void {
    if (node.type === 'paragraph') {
      this.paragraph(node);
      return;
    }
    for (const child of node.children ?? []) this.walk(child);
  }

  result(): DocxWalkResult {
    const segments = this.builder.build();
    if (this.sawPageBreak) return { segments, pageCount: this.page, title: this.title, firstHeading: this.firstHeading };
    return { segments: segments.map((s) => ({ ...s, page: null })), pageCount: null, title: this.title, firstHeading: this.firstHeading };
  }

  private paragraph(node: MammothNode): void {
    const level = headingLevel(node);
    if (level !== null || isTitle(node)) {
      // Heading text is read first so the section opens before the heading line is added under it.
      const text = collapseSpaces(plainText(node));
      if (text && level !== null) {
        this.firstHeading ??= text;
        this.sections.enter(level, text);
      } else if (text) this.title ??= text;
    }
    this.pending = '';
    for (const child of node.children ?? []) this.inline(child);
    this.flush('\n\n');
  }

  private inline(node: MammothNode): void {
    if (node.type === 'text') this.pending += node.value ?? '';
    else if (node.type === 'tab') this.pending += '\t';
    else if (node.type === 'break' && node.breakType === 'page') {
      this.flush('\n\n');
      this.page++;
      this.sawPageBreak = true;
    } else if (node.type === 'break') this.pending += '\n';
    else for (const child of node.children ?? []) this.inline(child);
  }

  private flush(separator: string): void {
    this.builder.add(this.page, this.sections.path, this.pending, separator);
    this.pending = '';
  }
}

function headingLevel(node: MammothNode): number | null {
  const match = HEADING_NAME.exec(node.styleName ?? '') ?? HEADING_ID.exec(node.styleId ?? '');
  return match ? Number(match[1]) : null;
}

const isTitle = (node: MammothNode) => /^title$/i.test(node.styleName ?? node.styleId ?? '');

function plainText(node: MammothNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(plainText).join('');
}
