/** importDeck's rules on the in-memory repositories: reasons, limits, the newer rule without times, duplicates in a file, races. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CoreError, importDeck, type ExchangeCtx } from '../../src/core/index.js';
import { createDeckExchange } from '../../src/infra/exchange/deck-exchange.js';
import { createMemoryRepositories } from '../../src/infra/memory/index.js';

async function setup(limits = {}) {
  const repos = createMemoryRepositories();
  const user = await repos.users.create({
    id: randomUUID(),
    email: `${randomUUID()}@example.com`,
    name: 'A',
    password_hash: null,
    created_at: new Date(),
  });
  let t = Date.UTC(2026, 0, 1);
  const ctx: ExchangeCtx = {
    userId: user.id,
    requestId: 'unit',
    ports: {
      ...repos,
      clock: {
        now: () => {
          t += 1000;
          return new Date(t);
        },
      },
      ids: { next: randomUUID },
      exchange: createDeckExchange(limits),
    },
  };
  const run = (text: string, name = 'cards.csv', deckId?: string) =>
    importDeck({ ctx, input: { file: { filename: name, bytes: new TextEncoder().encode(text) }, ...(deckId ? { deckId } : {}) } });
  return { repos, user, ctx, run };
}

describe('importDeck', () => {
  it('skips notes that cannot be cards, with the row and the reason, and keeps the rest', async () => {
    const { run } = await setup();
    const result = await run(`question\tanswer\nok\tfine\n\tno question\nno answer\t\n${'x'.repeat(5001)}\tlong\nok\tduplicate row\n`);
    expect(result).toMatchObject({ created: 1, skipped: 4 });
    expect(result.skipped_notes.map((s) => [s.row, s.reason])).toEqual([
      [2, 'the question is empty'],
      [3, 'the answer is empty'],
      [4, 'the question is longer than 5000 characters'],
      [5, 'the same note (GUID) appears earlier in the file'],
    ]);
  });

  it('a CSV row (no modification time) updates the card it matches when it differs', async () => {
    const { run, repos, user } = await setup();
    const first = await run('#guid column:1\nG1\tWhat is ATP?\tEnergy\tBook\n');
    const again = await run('#guid column:1\nG1\tWhat is ATP?\tThe energy currency\t\n');
    expect(again).toMatchObject({ deck_id: first.deck_id, created: 0, updated: 1 });
    const [card] = (await repos.cards.listByDeck(user.id, first.deck_id, { limit: 10, offset: 0 }))!.items;
    // The empty Source column did not clear the card's source.
    expect(card).toMatchObject({ answer: 'The energy currency', source: 'Book' });
  });

  it('refuses a file over the note limit or the size limit before writing anything', async () => {
    const { run, repos, user } = await setup({ maxImportNotes: 2, maxImportBytes: 200 });
    await expect(run('q,a\n1,1\n2,2\n3,3\n4,4\n')).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(run(`q,a\n${'x,y\n'.repeat(100)}`)).rejects.toMatchObject({ code: 'payload_too_large' });
    expect((await repos.decks.list(user.id, { limit: 10, offset: 0, sort: 'created_at', order: 'asc' })).total).toBe(0);
  });

  it('two imports of one file racing: the loser gets a 409 to retry, not a crash', async () => {
    const { ctx, run } = await setup();
    const first = await run('question,answer\nQ1,A1\n');
    // Between the lookup and the insert, another import creates the same card.
    const createMany = ctx.ports.cards.createMany.bind(ctx.ports.cards);
    const racing: ExchangeCtx = {
      ...ctx,
      ports: {
        ...ctx.ports,
        cards: {
          ...ctx.ports.cards,
          createMany: async (userId, deckId, batch) => {
            await createMany(userId, deckId, batch);
            return createMany(userId, deckId, batch);
          },
        },
      },
    };
    const error = await importDeck({
      ctx: racing,
      input: { file: { filename: 'c.csv', bytes: new TextEncoder().encode('question,answer\nQ2,A2\n') }, deckId: first.deck_id },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('an unknown deck_id is not found, and a deck title comes from the file name when the file names none', async () => {
    const { run, repos, user } = await setup();
    await expect(run('q,a\n1,1\n', 'x.csv', randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    const result = await run('question,answer\nQ,A\n', 'Week 3 vocabulary.csv');
    expect((await repos.decks.get(user.id, result.deck_id))!.title).toBe('Week 3 vocabulary');
  });
});

describe('importDeck without a usable note', () => {
  it('makes no empty deck: a file with no note that can become a card is a 422 naming the first reasons', async () => {
    const { run, repos, user } = await setup();
    const error = await run('question,answer\n,\nonly question,\n').catch((e) => e);
    expect(error).toMatchObject({ code: 'unprocessable' });
    expect(error.message).toMatch(/row 1: the question is empty; row 2: the answer is empty/);
    expect((await repos.decks.list(user.id, { limit: 10, offset: 0, sort: 'created_at', order: 'asc' })).total).toBe(0);
  });

  it('a deck name with control characters becomes a clean one-line title', async () => {
    const { run, repos, user } = await setup();
    const result = await run('#deck:Bio\u0007logy::Cells\u001b\t and more\nQ\tA\n');
    expect(await repos.decks.get(user.id, result.deck_id)).toMatchObject({ title: 'Cells and more', category: 'Bio logy' });
  });
});
