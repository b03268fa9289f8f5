/**
 * Export and import on every storage: the verbs read cards in pages and find cards by id through the
 * repositories, so paging order, id lookups and exact card counts must hold on each backend for a round
 * trip to add no duplicates.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE, exportDeck, importDeck, type ExchangeCtx } from '../../../src/core/index.js';
import { createDeckExchange } from '../../../src/infra/exchange/deck-exchange.js';
import { at, newCard, userWithDeck, type AllRepositories, type FixtureAccess } from './fixtures.js';

function ctxFor(repos: AllRepositories, userId: string): ExchangeCtx {
  let tick = 0;
  return {
    userId,
    requestId: 'contract',
    // After every fixture time (T0 + seconds), one millisecond apart.
    ports: {
      ...repos,
      clock: { now: () => new Date(at(86_400).getTime() + tick++) },
      ids: { next: () => randomUUID() },
      exchange: createDeckExchange(),
    },
  };
}

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const allCards = async (repos: AllRepositories, userId: string, deckId: string) =>
  (await repos.cards.listByDeck(userId, deckId, { limit: 2000, offset: 0 }))!.items;

export function describeExchangeContract(f: FixtureAccess): void {
  describe('deck export and import', () => {
    it(`exports a deck of more than one page (${EXPORT_PAGE_SIZE}) and imports it back with no duplicates`, async () => {
      const repos = f.repos();
      const { user, deck } = await userWithDeck(repos);
      const cards = Array.from({ length: EXPORT_PAGE_SIZE + 5 }, (_, i) =>
        newCard(user.id, deck.id, { question: `Question ${i}`, created_at: at(i) }),
      );
      await repos.cards.createMany(user.id, deck.id, cards);
      const ctx = ctxFor(repos, user.id);
      for (const format of ['apkg', 'csv', 'json'] as const) {
        const file = await exportDeck({ ctx, input: { deckId: deck.id, format } });
        const result = await importDeck({ ctx, input: { file: { filename: `deck.${format}`, bytes: await bytesOf(file.body) } } });
        expect(result, format).toMatchObject({ deck_id: deck.id, created: 0, updated: 0, unchanged: cards.length, skipped: 0 });
      }
      expect((await repos.decks.get(user.id, deck.id))!.card_count).toBe(cards.length);
      expect(await allCards(repos, user.id, deck.id)).toHaveLength(cards.length);
    });

    it('a newer edit updates exactly that card; a note from elsewhere is created once, however often it is imported', async () => {
      const repos = f.repos();
      const { user, deck } = await userWithDeck(repos);
      await repos.cards.createMany(user.id, deck.id, [
        newCard(user.id, deck.id, { created_at: at(1) }),
        newCard(user.id, deck.id, { question: 'Second', created_at: at(2) }),
      ]);
      const ctx = ctxFor(repos, user.id);
      const json = JSON.parse(
        new TextDecoder().decode(await bytesOf((await exportDeck({ ctx, input: { deckId: deck.id, format: 'json' } })).body)),
      );
      json.cards[1].answer = 'Edited';
      json.cards[1].updated_at = at(90_000).toISOString();
      json.cards.push({ question: 'From a friend', answer: 'Hello', source: null });
      const file = { filename: 'deck.json', bytes: new TextEncoder().encode(JSON.stringify(json)) };
      expect(await importDeck({ ctx, input: { file } })).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(await importDeck({ ctx, input: { file } })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const after = await allCards(repos, user.id, deck.id);
      expect(after.map((c) => c.answer)).toEqual([json.cards[0].answer, 'Edited', 'Hello']);
      expect(after[2]!.source).toBe('Imported from deck.json');
      expect((await repos.decks.get(user.id, deck.id))!.card_count).toBe(3);
    });

    it('keeps the Anki GUID of a card imported from Anki, and exports it back', async () => {
      const repos = f.repos();
      const { user, deck } = await userWithDeck(repos);
      const stored = newCard(user.id, deck.id, { anki_guid: 'f{8Z;P)t|w' });
      await repos.cards.createMany(user.id, deck.id, [stored, newCard(user.id, deck.id, { question: 'Made here' })]);
      expect(await repos.cards.get(user.id, stored.id)).toMatchObject({ anki_guid: 'f{8Z;P)t|w' });
      const listed = await allCards(repos, user.id, deck.id);
      expect(listed.map((c) => c.anki_guid)).toEqual(expect.arrayContaining(['f{8Z;P)t|w', undefined]));
      expect(listed.find((c) => c.question === 'Made here')).not.toHaveProperty('anki_guid');
      const csv = new TextDecoder().decode(
        await bytesOf((await exportDeck({ ctx: ctxFor(repos, user.id), input: { deckId: deck.id, format: 'csv' } })).body),
      );
      expect(csv).toContain('f{8Z;P)t|w\t');
    });

    it("never touches another user's cards: their GUIDs become the importer's own copies", async () => {
      const repos = f.repos();
      const owner = await userWithDeck(repos);
      const original = newCard(owner.user.id, owner.deck.id);
      await repos.cards.createMany(owner.user.id, owner.deck.id, [original]);
      const file = await exportDeck({ ctx: ctxFor(repos, owner.user.id), input: { deckId: owner.deck.id, format: 'apkg' } });
      const bytes = await bytesOf(file.body);
      const other = await userWithDeck(repos);
      const result = await importDeck({
        ctx: ctxFor(repos, other.user.id),
        input: { file: { filename: 'x.apkg', bytes }, deckId: other.deck.id },
      });
      expect(result).toMatchObject({ deck_id: other.deck.id, created: 1, updated: 0 });
      expect((await allCards(repos, other.user.id, other.deck.id))[0]!.id).not.toBe(original.id);
      expect(await repos.cards.get(owner.user.id, original.id)).toMatchObject({ answer: original.answer, deck_id: owner.deck.id });
    });
  });
}
