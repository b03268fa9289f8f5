/**
 * Coverage: a deck should draw on the whole document, not its first half. When more good cards are proposed
 * than the document may have, they are picked round by round, one per place (page, or section where there
 * are no pages) per round, evenly spaced through the document when a round offers more than the room left.
 * So a 352-page book asked for 30 cards gets them from 30 places spread over the book, not pages 14-188.
 */

export interface Located {
  page: number | null;
  section: string | null;
}

const placeOf = (c: Located): string => (c.page !== null ? `p${c.page}` : c.section !== null ? `s${c.section}` : '');

/** `count` of `items`, evenly spaced (the middle one when only one fits). */
function spaced<T>(items: T[], count: number): T[] {
  return Array.from({ length: count }, (_, k) => items[Math.floor(((k + 0.5) * items.length) / count)]!);
}

/** At most `max` of the cards (given in document order), spread over their places; document order kept. */
export function spreadOverDocument<T extends Located>(cards: T[], max: number): T[] {
  if (cards.length <= max) return cards;
  const queues = new Map<string, number[]>();
  cards.forEach((c, i) => {
    const queue = queues.get(placeOf(c));
    if (queue) queue.push(i);
    else queues.set(placeOf(c), [i]);
  });
  const chosen = new Set<number>();
  while (chosen.size < max) {
    const offers: number[] = [];
    for (const queue of queues.values()) if (queue.length > 0) offers.push(queue.shift()!);
    const room = max - chosen.size;
    for (const i of offers.length <= room ? offers : spaced(offers, room)) chosen.add(i);
  }
  return cards.filter((_, i) => chosen.has(i));
}

export interface Coverage {
  /** Distinct pages the cards cite; 0 for a document without pages. */
  pages_with_cards: number;
  /** Distinct sections (full heading paths) the cards cite. */
  sections_with_cards: number;
}

export function coverageOf(cards: readonly Located[]): Coverage {
  const pages = new Set(cards.flatMap((c) => (c.page === null ? [] : [c.page])));
  const sections = new Set(cards.flatMap((c) => (c.section === null ? [] : [c.section])));
  return { pages_with_cards: pages.size, sections_with_cards: sections.size };
}
