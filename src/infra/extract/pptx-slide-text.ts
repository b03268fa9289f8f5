import { attr, child, childrenNamed, descendants, localName, path, type XmlNode } from './office-xml.js';

/**
 * The text of one slide (or notes page), shape by shape in drawing order: the title placeholder apart,
 * paragraphs of every text box, and tables row by row. Slide numbers, dates and footers are layout, not
 * content, and are left out.
 */
export interface SlideText {
  hidden: boolean;
  title: string | null;
  /** Paragraphs and table rows, in order; no empty ones. */
  lines: string[];
}

const TITLE_TYPES = new Set(['title', 'ctrTitle']);
const LAYOUT_TYPES = new Set(['sldNum', 'dt', 'ftr', 'hdr', 'sldImg']);
/** Cells of a table row are joined with this, so a row reads as one line and a quote from it can be found. */
export const CELL_SEPARATOR = ' | ';

function runText(node: XmlNode): string {
  if (node.name === '#text') return node.text ?? '';
  switch (localName(node)) {
    case 'br':
      return '\n';
    case 'tab':
      return '\t';
    case 'rPr':
    case 'pPr':
    case 'endParaRPr':
      return '';
    default:
      return node.children.map(runText).join('');
  }
}

/** Paragraph texts of a text body, trimmed, blanks dropped. */
function paragraphs(txBody: XmlNode | undefined): string[] {
  return childrenNamed(txBody, 'p')
    .map((p) =>
      runText(p)
        .replace(/[ \t]+/g, ' ')
        .trim(),
    )
    .filter((t) => t !== '');
}

function tableRows(frame: XmlNode): string[] {
  const rows: string[] = [];
  for (const table of descendants(frame, 'tbl')) {
    for (const row of childrenNamed(table, 'tr')) {
      const cells = childrenNamed(row, 'tc').map((cell) => paragraphs(child(cell, 'txBody')).join(' '));
      if (cells.some((c) => c !== '')) rows.push(cells.join(CELL_SEPARATOR));
    }
  }
  return rows;
}

interface Collected {
  title: string | null;
  lines: string[];
}

function collect(tree: XmlNode, only: ((placeholderType: string | undefined) => boolean) | null, out: Collected): void {
  for (const shape of tree.children) {
    switch (localName(shape)) {
      case 'sp': {
        const type = attr(path(shape, 'nvSpPr', 'nvPr', 'ph'), 'type');
        if ((type && LAYOUT_TYPES.has(type)) || (only && !only(type))) break;
        const texts = paragraphs(child(shape, 'txBody'));
        if (type && TITLE_TYPES.has(type) && out.title === null && texts.length > 0) out.title = texts.join(' ');
        else out.lines.push(...texts);
        break;
      }
      case 'grpSp':
        collect(shape, only, out);
        break;
      case 'graphicFrame':
        if (!only) out.lines.push(...tableRows(shape));
        break;
    }
  }
}

export function readSlide(root: XmlNode): SlideText {
  const out: Collected = { title: null, lines: [] };
  const tree = path(root, 'cSld', 'spTree');
  if (tree) collect(tree, null, out);
  return { hidden: attr(root, 'show') === '0' || attr(root, 'show') === 'false', ...out };
}

/** A notes page: only its body placeholder holds what the speaker wrote (the rest is a slide image and a number). */
export function readNotes(root: XmlNode): string[] {
  const out: Collected = { title: null, lines: [] };
  const tree = path(root, 'cSld', 'spTree');
  if (tree) collect(tree, (type) => type === 'body', out);
  return out.lines;
}
