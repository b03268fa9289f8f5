import { describe, expect, it } from 'vitest';
import type { Deck, DeckListQuery, NewDeck, Repositories } from '../../../src/core/index.js';
import { addUser, at, newDeck, type FixtureAccess } from './fixtures.js';

const query = (overrides: Partial<DeckListQuery> = {}): DeckListQuery => ({
  limit: 100,
  offset: 0,
  sort: 'created_at',
  order: 'asc',
  ...overrides,
});

/** A fresh user owning one deck per entry, created in order one second apart. */
async function userWithDecks(repos: Repositories, decks: Partial<NewDeck>[]) {
  const user = await addUser(repos);
  const created: Deck[] = [];
  for (const [i, d] of decks.entries()) created.push(await repos.decks.create(newDeck(user.id, { created_at: at(i), ...d })));
  return { user, decks: created };
}

const titles = (decks: Deck[]) => decks.map((d) => d.title);

export function describeDeckListContract(f: FixtureAccess): void {
  describe('deck list', () => {
    it("lists only the user's own decks", async () => {
      const a = await userWithDecks(f.repos(), [{ title: 'A1' }, { title: 'A2' }]);
      const b = await userWithDecks(f.repos(), [{ title: 'B1' }]);
      const pageA = await f.repos().decks.list(a.user.id, query());
      expect(pageA).toEqual({ items: a.decks, total: 2, limit: 100, offset: 0 });
      expect(titles((await f.repos().decks.list(b.user.id, query())).items)).toEqual(['B1']);
      const stranger = await addUser(f.repos());
      expect(await f.repos().decks.list(stranger.id, query())).toEqual({ items: [], total: 0, limit: 100, offset: 0 });
    });

    it('filters by category ignoring case, exactly (no substring), and by difficulty', async () => {
      const { user } = await userWithDecks(f.repos(), [
        { title: 'one', category: 'Biology', difficulty: 'beginner' },
        { title: 'two', category: 'biology', difficulty: 'advanced' },
        { title: 'three', category: 'Biology II', difficulty: 'beginner' },
        { title: 'four', category: null, difficulty: null },
      ]);
      expect(titles((await f.repos().decks.list(user.id, query({ category: 'BIOLOGY' }))).items)).toEqual(['one', 'two']);
      expect(titles((await f.repos().decks.list(user.id, query({ difficulty: 'beginner' }))).items)).toEqual(['one', 'three']);
      const both = await f.repos().decks.list(user.id, query({ category: 'biology', difficulty: 'advanced' }));
      expect([titles(both.items), both.total]).toEqual([['two'], 1]);
    });

    it('q matches title or description, ignoring case', async () => {
      const { user } = await userWithDecks(f.repos(), [
        { title: 'Mitochondria basics', description: null },
        { title: 'Other', description: 'All about MITOCHONDRIA' },
        { title: 'Unrelated', description: 'Nothing here' },
      ]);
      const page = await f.repos().decks.list(user.id, query({ q: 'mitoChondria' }));
      expect([titles(page.items), page.total]).toEqual([['Mitochondria basics', 'Other'], 2]);
    });

    it('q takes %, _ and \\ literally', async () => {
      const { user } = await userWithDecks(f.repos(), [
        { title: '100% sure', description: null },
        { title: '1000 sure', description: null },
        { title: 'snake_case', description: null },
        { title: 'snakeXcase', description: null },
        { title: 'C:\\path', description: null },
        { title: 'C:path', description: null },
      ]);
      const search = async (q: string) => titles((await f.repos().decks.list(user.id, query({ q }))).items);
      expect(await search('0%')).toEqual(['100% sure']);
      expect(await search('%')).toEqual(['100% sure']);
      expect(await search('e_c')).toEqual(['snake_case']);
      expect(await search('C:\\')).toEqual(['C:\\path']);
    });

    it('q finds non-ASCII text, ignoring case beyond ASCII', async () => {
      const { user } = await userWithDecks(f.repos(), [{ title: 'Économie générale' }, { title: '日本語の文法' }, { title: 'Plain' }]);
      expect(titles((await f.repos().decks.list(user.id, query({ q: 'générale' }))).items)).toEqual(['Économie générale']);
      expect(titles((await f.repos().decks.list(user.id, query({ q: 'ÉCONOMIE GÉNÉ' }))).items)).toEqual(['Économie générale']);
      expect(titles((await f.repos().decks.list(user.id, query({ q: '文法' }))).items)).toEqual(['日本語の文法']);
    });

    it('sorts by created_at and updated_at in either order', async () => {
      const { user, decks } = await userWithDecks(f.repos(), [{ title: 'first' }, { title: 'second' }, { title: 'third' }]);
      expect(titles((await f.repos().decks.list(user.id, query({ order: 'desc' }))).items)).toEqual(['third', 'second', 'first']);
      await f.repos().decks.update(user.id, decks[0]!.id, { description: 'touched' }, at(100));
      const byUpdate = await f.repos().decks.list(user.id, query({ sort: 'updated_at', order: 'desc' }));
      expect(titles(byUpdate.items)).toEqual(['first', 'third', 'second']);
      const byUpdateAsc = await f.repos().decks.list(user.id, query({ sort: 'updated_at', order: 'asc' }));
      expect(titles(byUpdateAsc.items)).toEqual(['second', 'third', 'first']);
    });

    it('sorts by title ignoring case', async () => {
      const { user } = await userWithDecks(f.repos(), [
        { title: 'banana' },
        { title: 'Cherry' },
        { title: 'apple' },
        { title: 'Banana split' },
      ]);
      const asc = await f.repos().decks.list(user.id, query({ sort: 'title', order: 'asc' }));
      expect(titles(asc.items)).toEqual(['apple', 'banana', 'Banana split', 'Cherry']);
      const desc = await f.repos().decks.list(user.id, query({ sort: 'title', order: 'desc' }));
      expect(titles(desc.items)).toEqual(['Cherry', 'Banana split', 'banana', 'apple']);
    });

    it('pages with limit and offset, with the total of all matches', async () => {
      const { user, decks } = await userWithDecks(
        f.repos(),
        ['a', 'b', 'c', 'd', 'e'].map((title) => ({ title, description: null })),
      );
      const page = await f.repos().decks.list(user.id, query({ limit: 2, offset: 2 }));
      expect(page).toEqual({ items: decks.slice(2, 4), total: 5, limit: 2, offset: 2 });
      expect(await f.repos().decks.list(user.id, query({ limit: 2, offset: 10 }))).toEqual({ items: [], total: 5, limit: 2, offset: 10 });
      const filtered = await f.repos().decks.list(user.id, query({ q: 'C', limit: 1 }));
      expect([titles(filtered.items), filtered.total]).toEqual([['c'], 1]);
    });

    for (const order of ['asc', 'desc'] as const) {
      it(`breaks ties by id (${order}), so pages neither repeat nor skip decks`, async () => {
        const same = { created_at: at(0), title: 'Same' };
        const { user, decks } = await userWithDecks(f.repos(), [same, same, same, same, same]);
        const ids = decks.map((d) => d.id).sort();
        if (order === 'desc') ids.reverse();
        for (const sort of ['created_at', 'updated_at', 'title'] as const) {
          const seen: string[] = [];
          for (let offset = 0; offset < 5; offset += 2) {
            const page = await f.repos().decks.list(user.id, query({ sort, order, limit: 2, offset }));
            seen.push(...page.items.map((d) => d.id));
          }
          expect(seen).toEqual(ids);
        }
      });
    }
  });
}
