/**
 * Deck export and import at 10,000 cards, through the same verbs as the API, on a PostgreSQL database created for
 * the run (BENCH_DATABASE_URL, default the local server): export as apkg and csv (time, peak RSS growth while
 * exporting), then import the apkg as another user (all new), again (0 created: no duplicates), and back into
 * the owner's account (all unchanged).
 *
 *   npx tsx bench/exchange.ts [--cards 10000]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { exportDeck, importDeck, type Card, type ExchangeCtx, type NewCard } from '../src/core/index.js';
import { createDeckExchange } from '../src/infra/exchange/deck-exchange.js';
import { openDatabase } from '../src/infra/postgres/open-database.js';
import { withScratchDatabase } from './scratch-database.js';

const { values } = parseArgs({ options: { cards: { type: 'string', default: '10000' } } });
const CARDS = Number(values.cards);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** Runs `work` while sampling RSS every 10 ms; returns its result, the time and the peak growth over the start. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rssGrowth: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: performance.now() - t0, rssGrowth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const card = (userId: string, deckId: string, i: number): NewCard => ({
  id: randomUUID(),
  deck_id: deckId,
  user_id: userId,
  question: `What does organelle number ${i} do in the eukaryotic cell, and where is it found?`,
  answer: `Organelle ${i} packages proteins for transport; it sits next to the nucleus and the rough endoplasmic reticulum.`,
  source: `Biology101.pdf - Page ${1 + (i % 300)}, Section ${1 + (i % 12)}.${i % 7}`,
  source_url: null,
  source_ref: {
    document_id: null,
    document_name: 'Biology101.pdf',
    page: 1 + (i % 300),
    section: `${1 + (i % 12)}.${i % 7} Organelles`,
    quote: `Organelle ${i} packages proteins for transport.`,
  },
  created_at: new Date(Date.UTC(2026, 0, 1) + i),
});

await withScratchDatabase('exchange', async (url) => {
  const db = await openDatabase({ backend: 'postgres', url, poolMax: 4 });
  await db.migrate();
  const repos = db.repositories;
  const ctxFor = (userId: string): ExchangeCtx => ({
    userId,
    requestId: 'bench',
    ports: {
      ...repos,
      clock: { now: () => new Date() },
      ids: { next: randomUUID },
      exchange: createDeckExchange({ maxImportBytes: 200 * 1048576 }),
    },
  });
  const user = await repos.users.create({
    id: randomUUID(),
    email: `bench-${randomUUID()}@example.com`,
    name: 'Bench',
    password_hash: null,
    created_at: new Date(),
  });
  const deck = await repos.decks.create({
    id: randomUUID(),
    user_id: user.id,
    title: 'Cell biology',
    description: null,
    category: 'Biology',
    difficulty: null,
    created_at: new Date(),
  });
  for (let i = 0; i < CARDS; i += 1000) {
    await repos.cards.createMany(
      user.id,
      deck.id,
      Array.from({ length: Math.min(1000, CARDS - i) }, (_, j) => card(user.id, deck.id, i + j)),
    );
  }
  console.log(`${CARDS} cards in one deck (PostgreSQL)\n`);

  const files: Record<string, Uint8Array> = {};
  for (const format of ['apkg', 'csv', 'apkg', 'csv'] as const) {
    const { result, ms, rssGrowth } = await measured(async () =>
      drain((await exportDeck({ ctx: ctxFor(user.id), input: { deckId: deck.id, format } })).body),
    );
    files[format] = result;
    console.log(
      `export ${format.padEnd(4)} ${(ms / 1000).toFixed(2).padStart(6)} s   ${mb(result.length).padStart(6)} file   RSS growth ${mb(rssGrowth)}`,
    );
  }

  const other = await repos.users.create({
    id: randomUUID(),
    email: `bench-${randomUUID()}@example.com`,
    name: 'Other',
    password_hash: null,
    created_at: new Date(),
  });
  const importAs = (userId: string, name: string) =>
    measured(() => importDeck({ ctx: ctxFor(userId), input: { file: { filename: name, bytes: files[name.split('.')[1]!]! } } }));
  for (const [label, userId, name] of [
    ['apkg, new user (all new)', other.id, 'deck.apkg'],
    ['apkg, same user again', other.id, 'deck.apkg'],
    ['apkg, back to the owner', user.id, 'deck.apkg'],
    ['csv, back to the owner', user.id, 'deck.csv'],
  ] as const) {
    const { result, ms, rssGrowth } = await importAs(userId, name);
    console.log(
      `import ${label.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(6)} s   created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, skipped ${result.skipped}   RSS growth ${mb(rssGrowth)}`,
    );
  }
  const decks = await repos.decks.list(other.id, { limit: 100, offset: 0, sort: 'created_at', order: 'asc' });
  const counted = decks.items.reduce((n, d) => n + d.card_count, 0);
  const seen = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await repos.cards.listByDeck(other.id, decks.items[0]!.id, { limit: 1000, offset });
    for (const c of page!.items as Card[]) seen.add(c.question);
    if (page!.items.length < 1000) break;
  }
  console.log(
    `\nother user: ${decks.total} deck(s), ${counted} cards, ${seen.size} distinct questions (duplicates: ${counted - seen.size})`,
  );
  await db.close();
});
