/**
 * Which candidate cards a chunk returns. Cards are taken round by round, one per segment per round, so a
 * small budget is spread over the whole chunk instead of spent on its first section; within a round better
 * kinds go first, and when a round offers more than the budget allows, the picks are spaced evenly through
 * the chunk. Near-duplicate questions are skipped. Deterministic: no randomness, no clock.
 */
import type { CardDraft } from '../../../core/index.js';
import { QuestionDeduper } from '../../../core/index.js';

export interface Candidate {
  draft: CardDraft;
  /** 0 is the best kind (definitions); larger is weaker. */
  tier: number;
  /** Index of the segment it came from, in chunk order. */
  segment: number;
  /** Creation order, for ties. */
  order: number;
  /** Other wordings of the question, tried in turn when it is a near-duplicate of a card already taken. */
  alternatives?: string[];
}

/** Whether a card may be proposed at all (the card-quality rules); checked only for candidates about to be picked. */
export type Acceptable = (draft: CardDraft) => boolean;

/** The candidate with the first of its wordings that is acceptable and not a near-duplicate, or null. */
function distinct(c: Candidate, deduper: QuestionDeduper, accept: Acceptable): Candidate | null {
  for (const question of [c.draft.question, ...(c.alternatives ?? [])]) {
    if (deduper.has(question)) continue;
    const draft = { ...c.draft, question };
    if (accept(draft)) return { ...c, draft };
  }
  return null;
}

/** `count` of `items`, evenly spaced (the middle ones first when only one fits). */
function spaced<T>(items: T[], count: number): T[] {
  return Array.from({ length: count }, (_, k) => items[Math.floor(((k + 0.5) * items.length) / count)]!);
}

export function selectCards(candidates: Candidate[], maxCards: number, accept: Acceptable = () => true): CardDraft[] {
  const queues = new Map<number, Candidate[]>();
  const ranked = [...candidates].sort((a, b) => a.segment - b.segment || a.tier - b.tier || a.order - b.order);
  for (const c of ranked) queues.set(c.segment, [...(queues.get(c.segment) ?? []), c]);
  const deduper = new QuestionDeduper();
  const chosen: Candidate[] = [];
  while (chosen.length < maxCards && queues.size > 0) {
    const offers: Candidate[] = [];
    for (const [segment, queue] of queues) {
      let next: Candidate | null = null;
      while (!next && queue.length) next = distinct(queue.shift()!, deduper, accept);
      if (next) offers.push(next);
      if (!queue.length) queues.delete(segment);
    }
    for (const tier of [...new Set(offers.map((o) => o.tier))].sort((a, b) => a - b)) {
      const group = offers.filter((o) => o.tier === tier);
      const room = maxCards - chosen.length;
      for (const offer of group.length <= room ? group : spaced(group, room)) {
        const c = distinct(offer, deduper, accept);
        if (c && deduper.add(c.draft.question)) chosen.push(c);
      }
    }
  }
  return chosen.sort((a, b) => a.segment - b.segment || a.order - b.order).map((c) => c.draft);
}
