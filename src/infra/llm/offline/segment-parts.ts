/**
 * A segment made ready for card extraction: its sentences (headings cut off, list lines flagged, junk and
 * page-cut fragments marked unusable) and its lists as a tree.
 */
import type { TextSegment } from '../../../core/index.js';
import type { OpeningSentence } from './heading-cards.js';
import { GENERIC_LEAD } from './list-questions.js';
import { outlineOf, type OutlineNode } from './outline.js';
import { headingLength, headingMatchers } from './section-text.js';
import { isJunkSentence, splitSentences, startsMidSentence, type Sentence } from './sentences.js';

export interface SegmentPart {
  segment: TextSegment;
  sentences: OpeningSentence[];
  outline: OutlineNode[];
  /** The segment starts with its heading: its opening is the section's opening. */
  startsSection: boolean;
}

/** Headings are looked for among the first sentences only: a DOCX may repeat one after a print mark. */
const HEADING_SEARCH = 4;

/**
 * A sentence cut by a page break is a fragment, not a card: one that starts in lower case ("dustry is..."), one
 * ending in a cut word ("...the legiti-"), and in a paged document a page's last sentence without end punctuation.
 */
const ENDED = /[.!?\u2026:]["'\u201D\u2019\u00BB)\]]*\d{0,3}$/u;
const isCutOff = (sentence: Sentence, last: boolean, segment: TextSegment): boolean =>
  /\p{L}-$/u.test(sentence.text) || startsMidSentence(sentence.text) || (last && segment.page !== null && !ENDED.test(sentence.text));

function listNodes(roots: OutlineNode[]): OutlineNode[] {
  const all: OutlineNode[] = [];
  const walk = (n: OutlineNode) => {
    if (n.kind !== 'root') all.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return all;
}

/** A list line: usable for a cloze only as a plain item ("1. Cells are the basic unit of life"), without its marker. */
function asListLine(sentence: Sentence, nodes: OutlineNode[]): { sentence: Sentence; plain: boolean } | null {
  const end = sentence.start + sentence.text.length;
  const node = nodes.find((n) => sentence.start < n.start + n.text.length && end > n.start);
  if (!node) return null;
  const plain = node.kind === 'item' && !node.label && node.children.length === 0;
  const marked = node.start > sentence.start;
  return { sentence: plain && marked ? { text: sentence.text.slice(node.start - sentence.start), start: node.start } : sentence, plain };
}

export function prepareSegment(segment: TextSegment): SegmentPart {
  const matchers = headingMatchers(segment.section);
  const headingAt = new Set<number>();
  let startsSection = false;
  const kept: Sentence[] = [];
  splitSentences(segment.text).forEach((s, i) => {
    const cut = i < HEADING_SEARCH ? headingLength(s.text, matchers) : 0;
    if (cut > 0) startsSection = true;
    if (cut === s.text.length) headingAt.add(s.start);
    else if (cut > 0) {
      const rest = s.text.slice(cut);
      const text = rest.trimStart();
      kept.push({ text, start: s.start + cut + (rest.length - text.length) });
    } else kept.push(s);
  });
  const outline = outlineOf(segment.text, (offset) => headingAt.has(offset)).filter(
    (r) => !(r.kind === 'lead' && GENERIC_LEAD.test(r.label!)),
  );
  const nodes = listNodes(outline);
  const sentences = kept.map((s, i) => {
    const line = asListLine(s, nodes);
    const sentence = line?.sentence ?? s;
    // Prose ends like a sentence; without end punctuation it is a label or was cut ("...except for a nar83").
    const fragment = !line && !ENDED.test(sentence.text);
    const usable =
      (!line || line.plain) && !fragment && !isJunkSentence(sentence.text) && !isCutOff(sentence, i === kept.length - 1, segment);
    return { ...sentence, usable, inList: line !== null };
  });
  return { segment, sentences, outline, startsSection };
}
