/**
 * Cards from a segment's lists: one that asks for the whole list ("What are the functions of rough ER?") and
 * one per labelled item, asked in the list's context ("Functions of rough ER: what does "Protein folding"
 * do?"), never as a bare "What is meant by "modification"?". Quotes are the list's own lines, verbatim.
 */
import { capitalized, type Casing } from './casing.js';
import {
  attributePhrase,
  attributeQuestions,
  completeListQuestion,
  cueQuestion,
  entityQuestion,
  GENERIC_LEAD,
  isAction,
  itemQuestion,
  leadKind,
  listWording,
  propertyQuestion,
  sectionListQuestion,
  tableQuestion,
} from './list-questions.js';
import type { OutlineNode } from './outline.js';
import { displayText, quoteOf } from './sentences.js';
import type { OfflineLanguage } from './text-language.js';

export const MAX_ANSWER_CHARS = 300;
const QUOTE_CHARS = 280;

export interface ListCard {
  /** The whole list, or one item of it. */
  kind: 'list' | 'item';
  question: string;
  /** Other wordings, for when the question is too close to another card's. */
  alternatives: string[];
  answer: string;
  quote: string;
  /** Offsets of the items whose text the answer gives: no cloze should ask for them again. */
  covers: number[];
}

export interface ListContext {
  language: OfflineLanguage;
  /** What the section is about ("Golgi Apparatus" for "Structure and Function"), cased for mid-question use; null if unknown. */
  topic: string | null;
  /** The section's own heading as written, for questions that quote it. */
  heading: string | null;
  casing: Casing;
  /** The segment text the nodes' offsets point into. */
  text: string;
}

const finish = (text: string) => capitalized(text.replace(/[\s;,.]+$/u, '')) + '.';
const full = (n: OutlineNode) =>
  displayText(
    n.kind === 'lead' ? n.label! : n.label && n.description ? `${n.label}: ${n.description}` : (n.label ?? n.description),
  ).replace(/[\s;,.]+$/u, '');
/** Every value short ("Access: O(1)"): a table row set, asked as "what is listed for Array?". */
const isTable = (n: OutlineNode) => n.children.every((c) => c.label && c.description && c.description.length <= 25);

/**
 * The whole list: the labels when every item has one (each item's own card gives the rest), else the items
 * themselves, and then no item is asked again on its own. `whole` says which.
 */
function listAnswer(node: OutlineNode): { answer: string; whole: boolean } | null {
  const labelled = node.children.every((c) => c.label) && !isTable(node);
  const text = node.children.map((c) => (labelled ? displayText(c.label!) : full(c))).join('; ');
  return text.length <= MAX_ANSWER_CHARS ? { answer: finish(text), whole: !labelled } : null;
}

/** An item's description with its sub-items; the sub-items go if they do not fit. */
function itemAnswer(item: OutlineNode): string | null {
  const description = displayText(item.description);
  const kids = item.children.map(full).join('; ');
  const answer = description && kids ? `${description}: ${kids}` : description || kids;
  if (answer && answer.length <= MAX_ANSWER_CHARS) return finish(answer);
  return description && description.length <= MAX_ANSWER_CHARS ? finish(description) : null;
}

/** From the list's first line through as many whole lines as fit. */
function listQuote(node: OutlineNode, text: string): string {
  const first = node.kind === 'root' ? node.children[0]! : node;
  const ends = (n: OutlineNode): number[] => [n.start + n.text.length, ...n.children.flatMap(ends)];
  let to = first.start + quoteOf(first.text, QUOTE_CHARS).length;
  for (const end of node.children.flatMap(ends)) if (end - first.start <= QUOTE_CHARS && end > to) to = end;
  return text.slice(first.start, to).trim();
}

/** The whole list's question, then other wordings. */
function wholeListQuestions(node: OutlineNode, ctx: ListContext): string[] {
  const { language, topic, casing } = ctx;
  if (node.kind === 'root') {
    if (!topic) return [];
    return leadKind(topic) === 'attribute'
      ? attributeQuestions(topic, language)
      : [sectionListQuestion(ctx.heading ?? capitalized(topic), language)];
  }
  const lead = node.label!;
  const kind = leadKind(lead);
  if (kind === 'sentence') return [completeListQuestion(displayText(node.text), topic, language)];
  const cue = topic ? [cueQuestion(topic, casing.cased(lead), language)] : [];
  if (kind === 'attribute') return [...attributeQuestions(casing.cased(phraseOf(lead, ctx)), language), ...cue];
  return [isTable(node) && topic ? tableQuestion(topic, lead, language) : entityQuestion(casing.cased(lead), language), ...cue];
}

const phraseOf = (lead: string, ctx: ListContext) =>
  attributePhrase(lead, ctx.topic, ctx.language, (t) => ctx.casing.withArticle(t, ctx.language));
const withoutAside = (name: string) => name.replace(/\s*\([^)]*\)/gu, '');

/** What an item's question names its list by, most specific first; entity: the parent is a thing the items describe. */
function parentContext(node: OutlineNode, ctx: ListContext): { names: string[]; entity: boolean; action: boolean } | null {
  const { casing, topic } = ctx;
  if (node.kind === 'item')
    return { names: [casing.cased(node.label!), casing.cased(withoutAside(node.label!))], entity: true, action: false };
  const lead = node.kind === 'lead' && leadKind(node.label!) !== 'sentence' ? node.label! : topic;
  if (!lead) return null;
  if (leadKind(lead) === 'attribute') {
    const names = [casing.cased(phraseOf(lead, ctx)), topic && withoutAside(topic)].filter((n): n is string => !!n);
    return { names, entity: false, action: isAction(lead) };
  }
  return { names: [casing.cased(lead)], entity: node.kind === 'lead' && lead === node.label, action: false };
}

/** `answered`: lists whose card already gives every item whole (a table's rows, "Examples: ..." among features). */
function itemCards(parent: OutlineNode, ctx: ListContext, cards: ListCard[], answered: ReadonlySet<OutlineNode>): void {
  const context = parentContext(parent, ctx);
  const asked = answered.has(parent)
    ? []
    : parent.children.filter((item) => item.kind === 'item' && item.label && !/\?$/u.test(item.description));
  const labels = asked.map((item) => displayText(item.label!));
  const ask = (name: string, label: string) => {
    const item = asked[labels.indexOf(label)]!;
    const single = /^\p{Lu}?\p{Ll}+$/u.test(label) || /^examples?|ejemplos?$/iu.test(label);
    // "Search: O(log n)" under "Operations" is a value, not something "Search" does.
    const action = context!.action && /^\p{L}{2}/u.test(item.description);
    return context!.entity && single ? propertyQuestion(name, label, ctx.language) : itemQuestion(name, label, action, ctx.language);
  };
  const wording =
    context && labels.length
      ? listWording(
          context.names,
          labels,
          ctx.language,
          ask,
          cards.map((c) => c.question),
        )
      : null;
  asked.forEach((item, k) => {
    const answer = itemAnswer(item);
    if (!wording || !answer) return;
    const quote = item.children.length ? listQuote(item, ctx.text) : quoteOf(item.text, QUOTE_CHARS);
    cards.push({ kind: 'item', question: wording(labels[k]!), alternatives: [], answer, quote, covers: item.children.map((c) => c.start) });
  });
  for (const item of parent.children) if (item.children.length) itemCards(item, ctx, cards, answered);
}

export function listCards(roots: OutlineNode[], ctx: ListContext): ListCard[] {
  const cards: ListCard[] = [];
  const answered = new Set<OutlineNode>();
  for (const root of roots) {
    if (root.kind === 'lead' && GENERIC_LEAD.test(root.label!)) continue;
    const nodes = [root, ...root.children.filter((c) => c.kind === 'lead')];
    for (const node of nodes) {
      // One unlabelled line under a label ("Binary Trees:" / "Each node has at most two children."); a sentence lead needs a list.
      const plain = node.children.length === 1 && node.kind === 'lead' && !node.children[0]!.label && leadKind(node.label!) !== 'sentence';
      const list = node.children.length >= 2 || plain ? listAnswer(node) : null;
      const [question, ...alternatives] = list ? wholeListQuestions(node, ctx) : [];
      if (!question || !list) continue;
      if (list.whole) answered.add(node);
      cards.push({
        kind: 'list',
        question,
        alternatives,
        answer: list.answer,
        quote: listQuote(node, ctx.text),
        covers: node.children.map((c) => c.start),
      });
    }
    itemCards(root, ctx, cards, answered);
  }
  return cards;
}
