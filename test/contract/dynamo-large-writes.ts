/**
 * DynamoDB only: the paths that exist because one transaction holds at most 100 items. A completion or a
 * batch larger than that, a completion taking over from a run that died half-way, and a deck deletion retried
 * after dying half-way must all end exactly as the single-transaction contract promises.
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cardItem } from '../../src/infra/dynamo/card-items.js';
import { writeCards } from '../../src/infra/dynamo/card-writes.js';
import { createDynamo } from '../../src/infra/dynamo/client.js';
import { deckKey, documentKey } from '../../src/infra/dynamo/keys.js';
import type { DynamoRepositories } from '../../src/infra/dynamo/repositories.js';
import { at, newCard, userWithDeck } from './suites/fixtures.js';
import { cardCount, documentIn, outcome } from './suites/document-fixtures.js';

const TABLES = { users: 'od-users', decks: 'od-decks', flashcards: 'od-flashcards', documents: 'od-documents' };

/** Every card id of the deck, read page by page through the public list. */
async function allCardIds(repos: DynamoRepositories, userId: string, deckId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await repos.cards.listByDeck(userId, deckId, { limit: 100, offset });
    ids.push(...page!.items.map((c) => c.id));
    if (page!.items.length < 100) return ids;
  }
}

export function describeDynamoLargeWrites(repos: () => DynamoRepositories, endpoint: () => string): void {
  const dynamo = () =>
    createDynamo({
      region: 'us-east-1',
      endpoint: endpoint(),
      tables: TABLES,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  describe('DynamoDB beyond one transaction', () => {
    it('completes with 250 cards: all stored once, card_count exact, pages in order', async () => {
      const { user, deck, doc } = await documentIn(repos(), 'processing');
      const result = outcome(user.id, deck.id, 250);
      expect(await repos().documents.complete(user.id, doc.id, deck.id, result, at(30))).toBe(true);
      expect(await repos().documents.get(user.id, doc.id)).toMatchObject({ status: 'completed', cards_generated: 250, deck_id: deck.id });
      expect(await cardCount(repos(), user.id, deck.id)).toBe(250);
      const sorted = result.cards.map((c) => c.id).sort();
      expect(await allCardIds(repos(), user.id, deck.id)).toEqual(sorted);
      expect(await repos().cards.listByDeck(user.id, deck.id, { limit: 10, offset: 245 })).toMatchObject({ total: 250 });
      expect((await repos().cards.listByDeck(user.id, deck.id, { limit: 10, offset: 245 }))!.items.map((c) => c.id)).toEqual(
        sorted.slice(245),
      );
      expect(await repos().documents.complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 250), at(40))).toBe(false);
      expect(await cardCount(repos(), user.id, deck.id)).toBe(250);
      expect(await repos().documents.tokensUsedSince(user.id, at(0))).toBe(1500);
    }, 60_000);

    it('of three concurrent large deliveries exactly one stores its cards', async () => {
      const { user, deck, doc } = await documentIn(repos(), 'processing');
      const runs = [1, 2, 3].map(() => outcome(user.id, deck.id, 150));
      const results = await Promise.all(runs.map((r) => repos().documents.complete(user.id, doc.id, deck.id, r, at(30))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = runs[results.indexOf(true)]!;
      expect(await allCardIds(repos(), user.id, deck.id)).toEqual(winner.cards.map((c) => c.id).sort());
      expect(await cardCount(repos(), user.id, deck.id)).toBe(150);
    }, 60_000);

    it('takes over from a run that died half-way, removing its cards first', async () => {
      const { user, deck, doc } = await documentIn(repos(), 'processing');
      const d = dynamo();
      const dead = outcome(user.id, deck.id, 120).cards.map((c) => cardItem(c, 'dead-run'));
      expect(await writeCards(d, user.id, deck.id, dead)).toBe('written');
      await d.doc.send(
        new UpdateCommand({
          TableName: TABLES.documents,
          Key: documentKey(user.id, doc.id),
          UpdateExpression: 'SET completion_run = :run, completion_deck = :deck, completion_at = :long_ago',
          ExpressionAttributeValues: { ':run': 'dead-run', ':deck': deck.id, ':long_ago': Date.now() - 3_600_000 },
        }),
      );
      const result = outcome(user.id, deck.id, 130);
      expect(await repos().documents.complete(user.id, doc.id, deck.id, result, at(30))).toBe(true);
      expect(await allCardIds(repos(), user.id, deck.id)).toEqual(result.cards.map((c) => c.id).sort());
      expect(await cardCount(repos(), user.id, deck.id)).toBe(130);
      d.raw.destroy();
    }, 60_000);

    it('createMany beyond one transaction stores all or, when a card is refused, nothing', async () => {
      const { user, deck } = await userWithDeck(repos());
      const batch = Array.from({ length: 150 }, () => newCard(user.id, deck.id));
      expect(await repos().cards.createMany(user.id, deck.id, batch)).toHaveLength(150);
      expect(await cardCount(repos(), user.id, deck.id)).toBe(150);
      const again = [...Array.from({ length: 149 }, () => newCard(user.id, deck.id)), batch[0]!];
      await expect(repos().cards.createMany(user.id, deck.id, again)).rejects.toThrow();
      expect(await cardCount(repos(), user.id, deck.id)).toBe(150);
      expect(await repos().cards.get(user.id, again[0]!.id)).toBeNull();
    }, 60_000);

    it('a deck deletion that died half-way reads as deleted, and deleting again finishes it', async () => {
      const { user, deck } = await userWithDeck(repos());
      const cards = await repos().cards.createMany(
        user.id,
        deck.id,
        Array.from({ length: 60 }, () => newCard(user.id, deck.id)),
      );
      const d = dynamo();
      await d.doc.send(
        new UpdateCommand({
          TableName: TABLES.decks,
          Key: deckKey(user.id, deck.id),
          UpdateExpression: 'SET deleting = :now',
          ExpressionAttributeValues: { ':now': 'x' },
        }),
      );
      d.raw.destroy();
      expect(await repos().decks.get(user.id, deck.id)).toBeNull();
      expect((await repos().decks.list(user.id, { limit: 10, offset: 0, sort: 'created_at', order: 'asc' })).total).toBe(0);
      expect(await repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)])).toBeNull();
      expect(await repos().decks.delete(user.id, deck.id)).toBe(true);
      for (const card of cards!.slice(0, 5)) expect(await repos().cards.get(user.id, card.id)).toBeNull();
      expect(await repos().decks.delete(user.id, deck.id)).toBe(false);
      expect(await repos().cards.get(user.id, randomUUID())).toBeNull();
    }, 60_000);
  });
}
