import { describe, expect, it } from 'vitest';
import type { CachedGeneration } from '../../../src/core/index.js';
import { addUser, type FixtureAccess } from './fixtures.js';

const KEY = JSON.stringify(['a'.repeat(64), 'openai', 'gpt-4o-mini', 20, null]);

const cached = (overrides: Partial<CachedGeneration> = {}): CachedGeneration => ({
  drafts: [
    {
      question: 'What is the powerhouse of the cell?',
      answer: 'The mitochondrion.',
      page: 3,
      section: 'Chapter 1 > 1.2 Organelles',
      quote: 'The mitochondrion is the powerhouse of the cell.',
      source: 'Biology101.pdf - Page 3, Section 1.2 Organelles',
      grounding: 'verified',
      quality_flags: [],
    },
    {
      question: '¿Qué dice el texto sobre «la célula»? 日本語 🧪',
      answer: 'Línea 1\nLínea 2 "entre comillas" \\ barra',
      page: null,
      section: null,
      quote: 'la célula — unidad básica',
      source: 'Notas.docx',
      grounding: 'corrected',
      quality_flags: ['long_answer'],
    },
  ],
  cards_rejected: 4,
  usage: { inputTokens: 123_456_789_012, outputTokens: 0 },
  ...overrides,
});

export function describeGenerationCacheContract(f: FixtureAccess): void {
  const cache = () => f.repos().cache;

  describe('generation cache', () => {
    it('get answers null for a key never stored', async () => {
      const user = await addUser(f.repos());
      expect(await cache().get(user.id, KEY)).toBeNull();
    });

    it('put then get round trips drafts with nested objects, nulls, numbers and unicode', async () => {
      const user = await addUser(f.repos());
      const value = cached();
      await cache().put(user.id, KEY, value);
      expect(await cache().get(user.id, KEY)).toEqual(value);
      expect(await cache().get(user.id, `${KEY} `)).toBeNull();
    });

    it('put replaces the value under the same key', async () => {
      const user = await addUser(f.repos());
      await cache().put(user.id, KEY, cached());
      const newer = cached({ drafts: [], cards_rejected: 0, usage: { inputTokens: 1, outputTokens: 2 } });
      await cache().put(user.id, KEY, newer);
      expect(await cache().get(user.id, KEY)).toEqual(newer);
    });

    it('concurrent puts of one key both succeed', async () => {
      const user = await addUser(f.repos());
      await Promise.all([cache().put(user.id, KEY, cached()), cache().put(user.id, KEY, cached({ cards_rejected: 9 }))]);
      expect([4, 9]).toContain((await cache().get(user.id, KEY))?.cards_rejected);
    });

    it("is per user: one user's result is never another's", async () => {
      const [alice, bob] = [await addUser(f.repos()), await addUser(f.repos())];
      await cache().put(alice.id, KEY, cached());
      expect(await cache().get(bob.id, KEY)).toBeNull();
      await cache().put(bob.id, KEY, cached({ cards_rejected: 1 }));
      expect((await cache().get(alice.id, KEY))?.cards_rejected).toBe(4);
      expect((await cache().get(bob.id, KEY))?.cards_rejected).toBe(1);
      expect(await cache().get('not-a-uuid', KEY)).toBeNull();
    });

    it('the returned value is a copy: changing it does not change what is stored', async () => {
      const user = await addUser(f.repos());
      const value = cached();
      await cache().put(user.id, KEY, value);
      value.drafts[0]!.question = 'Changed after put';
      const first = await cache().get(user.id, KEY);
      first!.drafts.pop();
      expect(await cache().get(user.id, KEY)).toEqual(cached());
    });
  });
}
