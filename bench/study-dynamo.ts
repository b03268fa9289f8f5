/**
 * Study on DynamoDB Local (issue 11): read capacity consumed by one study-queue request as the deck grows.
 * Decks of 100, 1,000 and 3,000 cards, each with the same student history shape (70% of the cards studied, a
 * tenth of those due), and the queue asked for 20 cards. Every DynamoDB call of the request is sent with
 * ReturnConsumedCapacity=TOTAL and summed (DynamoDB Local reports it as AWS would bill it).
 *
 *   npx tsx bench/study-dynamo.ts          # BENCH_DECK_SIZES=100,1000,3000
 */
import { randomUUID } from 'node:crypto';
import { studyQueue, answerCard, type Ports, type Ctx } from '../src/core/index.js';
import { createDynamo } from '../src/infra/dynamo/client.js';
import { createDynamoRepositories } from '../src/infra/dynamo/repositories.js';
import { ensureTables } from '../src/infra/dynamo/tables.js';
import { createFsrsScheduler } from '../src/infra/study/fsrs-scheduler.js';
import { startDynamoDbLocal } from '../test/support/dynamodb-local.js';

const sizes = (process.env.BENCH_DECK_SIZES ?? '100,1000,3000').split(',').map(Number);
const DAY = 86_400_000;

const local = await startDynamoDbLocal();
if (!local) throw new Error('DynamoDB Local could not be started (Java and the DynamoDB Local jar are needed).');
try {
  const dynamo = createDynamo({
    region: 'us-east-1',
    endpoint: local.endpoint,
    tables: { users: 'sb-users', decks: 'sb-decks', flashcards: 'sb-flashcards', documents: 'sb-documents' },
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(dynamo);
  let consumed = 0;
  let calls = 0;
  dynamo.doc.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const capacity = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) consumed += c.CapacityUnits ?? 0;
      calls++;
      return result;
    },
    { step: 'initialize', name: 'countCapacity' },
  );
  const repositories = createDynamoRepositories(dynamo);
  let now = new Date('2030-03-01T12:00:00Z');
  const ports = {
    ...repositories,
    scheduler: createFsrsScheduler(),
    clock: { now: () => now },
    ids: { next: randomUUID },
  } as unknown as Ports;

  const rows = [];
  for (const size of sizes) {
    const userId = randomUUID();
    await repositories.users.create({ id: userId, email: `${userId}@example.com`, name: 'Bench', password_hash: null, created_at: now });
    const ctx: Ctx = { userId, requestId: 'bench', ports };
    const deck = await repositories.decks.create({
      id: randomUUID(),
      user_id: userId,
      title: `Deck of ${size}`,
      description: null,
      category: null,
      difficulty: null,
      created_at: now,
    });
    const cards = [];
    for (let i = 0; i < size; i += 90) {
      const batch = Array.from({ length: Math.min(90, size - i) }, (_, j) => ({
        id: randomUUID(),
        deck_id: deck.id,
        user_id: userId,
        question: `Question ${i + j}: what does organelle ${i + j} do?`,
        answer: 'It produces, stores or moves something the cell needs.',
        source: 'Biology101.pdf - Page 3',
        source_url: null,
        source_ref: null,
        created_at: new Date(now.getTime() + i + j),
      }));
      cards.push(...(await repositories.cards.createMany(userId, deck.id, batch))!);
    }
    // 70% studied: answered "easy" over the past weeks, so their due dates spread over the coming days.
    const studied = cards.slice(0, Math.floor(size * 0.7));
    const started = now;
    for (const [i, card] of studied.entries()) {
      now = new Date(started.getTime() - ((i * 7) % 40) * DAY);
      await answerCard({ ctx, input: { cardId: card.id, rating: 'easy', idempotencyKey: randomUUID() } });
    }
    now = started;
    const before = { consumed, calls };
    const queue = await studyQueue({ ctx, input: { deckId: deck.id, limit: 20 } });
    rows.push({
      'deck cards': size,
      studied: studied.length,
      'due (review)': queue.counts.review,
      'queue items': queue.items.length,
      'read capacity units': Number((consumed - before.consumed).toFixed(1)),
      'DynamoDB calls': calls - before.calls,
    });
  }
  console.table(rows);
} finally {
  await local.stop();
}
