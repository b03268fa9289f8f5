/**
 * The deck list. DynamoDB can neither filter by a case-insensitive substring nor sort by lower(title) nor
 * count matches without reading them, so the list reads the caller's whole deck partition (one Query on
 * USER#<id>, strongly consistent, 1 MB pages) and filters, sorts and pages here. Its cost grows with the number
 * of decks that one user owns (about 1 read unit per 4 KB of their decks), never with the table: no scan.
 * In exchange every filter, sort and the exact total behave exactly as on PostgreSQL.
 */
import type { Deck, DeckListQuery, Page } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { deckPartition } from './keys.js';
import { queryAll } from './query.js';
import { toDeck } from './deck-items.js';

const lower = (text: string | null): string => (text ?? '').toLowerCase();

function matches(deck: Deck, query: DeckListQuery): boolean {
  if (query.category !== undefined && (deck.category === null || lower(deck.category) !== lower(query.category))) return false;
  if (query.difficulty !== undefined && deck.difficulty !== query.difficulty) return false;
  if (query.q !== undefined) {
    // Literal substring: %, _ and \ are plain characters here, as the escaped ILIKE makes them in SQL.
    const q = lower(query.q);
    if (!lower(deck.title).includes(q) && !(deck.description !== null && lower(deck.description).includes(q))) return false;
  }
  return true;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The sort key, then the id, so the order is total and pages neither repeat nor skip. */
function order(query: DeckListQuery): (a: Deck, b: Deck) => number {
  const key = (d: Deck): string => (query.sort === 'title' ? lower(d.title) : d[query.sort].toISOString());
  const sign = query.order === 'asc' ? 1 : -1;
  return (a, b) => sign * (compare(key(a), key(b)) || compare(a.id, b.id));
}

export async function listDecks(dynamo: Dynamo, userId: string, query: DeckListQuery): Promise<Page<Deck>> {
  const items = await queryAll(dynamo, {
    TableName: dynamo.tables.decks,
    KeyConditionExpression: 'PK = :PK AND begins_with(SK, :deck)',
    ExpressionAttributeValues: { ':PK': deckPartition(userId), ':deck': 'DECK#' },
    ConsistentRead: true,
  });
  const decks = items
    .filter((i) => i.deleting === undefined)
    .map(toDeck)
    .filter((d) => matches(d, query));
  decks.sort(order(query));
  return { items: decks.slice(query.offset, query.offset + query.limit), total: decks.length, limit: query.limit, offset: query.offset };
}
