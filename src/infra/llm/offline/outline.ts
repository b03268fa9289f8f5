/**
 * The lists of a segment as a tree. Course notes put much of what there is to learn in lists ("Functions of
 * Rough ER:" then "- Protein folding: Helps fold proteins..."), and a list item means little without what
 * introduces it, so each item keeps its parent: the line that announces the list, or the item it is nested in.
 */
import { leadKind } from './list-questions.js';
import { splitSentences } from './sentences.js';

export interface OutlineNode {
  kind: 'lead' | 'item' | 'root';
  /** Verbatim text (an item without its marker; a lead is the sentence that ends in ":"); '' for a root. */
  text: string;
  /** Offset of `text` in the segment text. */
  start: number;
  /** "Modification" in "Modification: Further modifies proteins" and in "Nuclear Envelope:"; a lead's text without ":". */
  label: string | null;
  /** What follows the label ("Further modifies proteins"), or the whole item when it has no label. */
  description: string;
  indent: number;
  children: OutlineNode[];
  /** A lead alone on its line after a blank line (a label, not the end of a wrapped paragraph line). */
  standalone?: boolean;
}

const ITEM = /^([ \t]*)((?:[-*\u2022\u25AA\u2013]|\d+[.)])[ \t]+)(.+)$/u;
const LABELLED = /^(?<label>\p{L}[^:.!?]{0,58}?):(?:\s+(?<description>.*))?$/su;
const MAX_LABEL_WORDS = 6;

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, start });
    start += line.length + 1;
  }
  return lines;
}

function node(kind: OutlineNode['kind'], text: string, start: number, indent: number): OutlineNode {
  const m = LABELLED.exec(text);
  const label = m && m.groups!.label!.trim().split(/\s+/u).length <= MAX_LABEL_WORDS ? m.groups!.label!.trim() : null;
  const description = label ? (m!.groups!.description ?? '').trim() : text.trim();
  return { kind, text, start, label: kind === 'lead' ? text.replace(/:$/u, '').trim() : label, description, indent, children: [] };
}

/** The last sentence of a line ending in ":": "A cell is... The cell theory states that:" -> "The cell theory states that:". */
function leadOf(line: Line): OutlineNode {
  const sentence = splitSentences(line.text).at(-1)!;
  return node('lead', sentence.text, line.start + sentence.start, 0);
}

const isShortLabel = (n: OutlineNode) => n.kind === 'lead' && n.text.split(/\s+/u).length <= MAX_LABEL_WORDS;

/**
 * `skip(offset)` says whether a line is a heading (not part of any list). Returns the roots: leads and bare
 * lists (kind 'root'), each with its items; a lead directly followed by a lead ("There are two types of
 * cells:" then "Prokaryotic Cells:") takes the second as an item.
 */
export function outlineOf(text: string, skip: (offset: number) => boolean = () => false): OutlineNode[] {
  const roots: OutlineNode[] = [];
  let stack: OutlineNode[] = [];
  let previousBlank = true;
  const lines = linesOf(text);
  lines.forEach((line, index) => {
    const trimmed = line.text.trim();
    if (!trimmed || skip(line.start + line.text.indexOf(trimmed))) {
      previousBlank = true;
      return;
    }
    const item = ITEM.exec(line.text);
    if (item) {
      const indent = item[1]!.replace(/\t/gu, '    ').length;
      const child = node('item', item[3]!.trimEnd(), line.start + item[1]!.length + item[2]!.length, indent);
      while (stack.length && stack.at(-1)!.kind === 'item' && stack.at(-1)!.indent >= indent) stack.pop();
      if (!stack.length) {
        stack = [{ kind: 'root', text: '', start: child.start, label: null, description: '', indent: -1, children: [] }];
        roots.push(stack[0]!);
      }
      stack.at(-1)!.children.push(child);
      stack.push(child);
    } else if (trimmed.endsWith(':') && /^[\p{Lu}\p{N}¿¡"\u201C]/u.test(leadOf(line).text)) {
      // A lead starts like a sentence or a label; "would have to collect the following:" is the tail of a wrapped line.
      const lead = { ...leadOf(line), standalone: previousBlank && leadOf(line).start === line.start + line.text.indexOf(trimmed) };
      // Pop to a lead that so far only holds leads: "Prokaryotic Cells:" and "Eukaryotic Cells:" both go under "two types:".
      while (stack.length && !(stack.at(-1)!.kind === 'lead' && stack.at(-1)!.children.every((c) => c.kind === 'lead'))) stack.pop();
      const parent = stack.at(-1);
      if (parent && isShortLabel(lead) && !lead.text.includes('.')) parent.children.push(lead);
      else {
        stack = [];
        roots.push(lead);
      }
      stack.push(lead);
    } else {
      const top = stack.at(-1);
      // A wrapped item ("1. Before our films can be broadcast, the network requires" / "that we buy insurance."): one item.
      if (top?.kind === 'item' && !previousBlank && (/^\p{Ll}/u.test(trimmed) || /[,;\-]$/u.test(top.text))) {
        const end = line.start + line.text.trimEnd().length;
        Object.assign(top, node('item', text.slice(top.start, end), top.start, top.indent), { children: top.children });
        return;
      }
      // "Binary Trees:" on a line of its own, then one whole sentence on its own line: the line is what the label says.
      const alone = /[.!?]["'\u201D)]*$/u.test(trimmed) && !lines[index + 1]?.text.trim();
      if (
        top &&
        alone &&
        !previousBlank &&
        top.standalone &&
        isShortLabel(top) &&
        leadKind(top.label!) !== 'sentence' &&
        top.children.length === 0
      ) {
        const start = line.start + line.text.indexOf(trimmed);
        top.children.push(node('item', trimmed, start, 0));
      }
      stack = [];
    }
    previousBlank = false;
  });
  return roots.filter((r) => r.children.length > 0);
}
