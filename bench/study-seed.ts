/**
 * Seeds the study benchmark straight into the database (the same schema and migrations as the server): one user,
 * DECKS decks of CARDS cards, and a review history of REVIEWS answers per studied card computed with the real
 * FSRS scheduler, so due dates, states and the log look like a real student's. Rows go in with multi-row INSERTs.
 */
import { randomUUID } from 'node:crypto';
import type { CardSchedule, CardStudyState, NewCard, ReviewLogEntry, StudyRating } from '../src/core/index.js';
import { DEFAULT_STUDY_SETTINGS } from '../src/core/index.js';
import { Argon2PasswordHasher } from '../src/infra/auth/argon2-password-hasher.js';
import type { Database } from '../src/infra/postgres/database.js';
import { cards, cardStudyStates, decks, studyReviews, users } from '../src/infra/postgres/schema.js';
import { entryValues, stateValues } from '../src/infra/postgres/study-rows.js';
import { createFsrsScheduler } from '../src/infra/study/fsrs-scheduler.js';

export const BENCH_PASSWORD = 'a long bench password';
const DAY = 86_400_000;

export interface SeedShape {
  decks: number;
  cardsPerDeck: number;
  /** Answers per studied card; 200,000 log rows = 20,000 cards x 10. */
  reviewsPerCard: number;
}

export interface Seeded {
  email: string;
  userId: string;
  deckIds: string[];
  cardIds: string[];
  logRows: number;
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** A plausible history: mostly good, some again/hard/easy, each answer at the card's due time. */
function history(cardId: string, reviews: number, now: Date) {
  const scheduler = createFsrsScheduler();
  const ratings: StudyRating[] = ['again', 'hard', 'good', 'good', 'good', 'good', 'good', 'easy'];
  let t = new Date(now.getTime() - 400 * DAY);
  let schedule: CardSchedule = scheduler.empty(t);
  const steps: { rating: StudyRating; at: Date; before: CardSchedule; after: CardSchedule }[] = [];
  for (let i = 0; i < reviews; i++) {
    const rating = ratings[(cardId.charCodeAt(i % 36) + i) % ratings.length]!;
    const after = scheduler.answer(schedule, rating, t, cardId, DEFAULT_STUDY_SETTINGS);
    steps.push({ rating, at: t, before: schedule, after });
    schedule = after;
    t = after.due > t ? after.due : new Date(t.getTime() + 60_000);
  }
  // Shift the whole history so its last answer lies within the last 30 days: some cards due now, most later.
  const shift = now.getTime() - Math.random() * 30 * DAY - steps.at(-1)!.at.getTime();
  const move = (d: Date) => new Date(d.getTime() + shift);
  const moveSchedule = (s: CardSchedule): CardSchedule => ({
    ...s,
    due: move(s.due),
    last_review: s.last_review ? move(s.last_review) : null,
  });
  return steps.map((s) => ({ ...s, at: move(s.at), before: moveSchedule(s.before), after: moveSchedule(s.after) }));
}

export async function seedStudy(db: Database, shape: SeedShape, now = new Date()): Promise<Seeded> {
  const userId = randomUUID();
  const email = `study-bench-${process.pid}-${Date.now()}@example.com`;
  await db.insert(users).values({
    id: userId,
    email,
    name: 'Bench',
    password_hash: await new Argon2PasswordHasher().hash(BENCH_PASSWORD),
    created_at: now,
    updated_at: now,
  });
  const deckIds: string[] = [];
  const cardIds: string[] = [];
  let logRows = 0;
  for (let d = 0; d < shape.decks; d++) {
    const deckId = randomUUID();
    deckIds.push(deckId);
    await db.insert(decks).values({
      id: deckId,
      user_id: userId,
      title: `Deck ${d}`,
      description: null,
      category: 'bench',
      difficulty: 'beginner',
      card_count: shape.cardsPerDeck,
      created_at: now,
      updated_at: now,
    });
    const deckCards: NewCard[] = Array.from({ length: shape.cardsPerDeck }, (_, i) => ({
      id: randomUUID(),
      deck_id: deckId,
      user_id: userId,
      question: `Question ${d}-${i}: what does organelle ${i} do in the cell?`,
      answer: `Answer ${i}: it produces, stores or moves something the cell needs.`,
      source: 'Biology101.pdf - Page 3, Section 1.2',
      source_url: null,
      source_ref: null,
      created_at: new Date(now.getTime() - 500 * DAY + i * 1000),
    }));
    await insertInBatches(
      deckCards.map((c) => ({ ...c, updated_at: c.created_at })),
      (b) => db.insert(cards).values(b),
    );
    cardIds.push(...deckCards.map((c) => c.id));
    // Every card studied except the last 10% of each deck, which stay new.
    const studied = deckCards.slice(0, Math.floor(shape.cardsPerDeck * 0.9));
    const states: CardStudyState[] = [];
    const entries: ReviewLogEntry[] = [];
    for (const card of studied) {
      const steps = history(card.id, shape.reviewsPerCard, now);
      for (const [i, s] of steps.entries()) {
        entries.push({
          id: randomUUID(),
          user_id: userId,
          card_id: card.id,
          deck_id: deckId,
          kind: 'review',
          rating: s.rating,
          state_before: s.before,
          state_after: s.after,
          version: i + 1,
          reviewed_at: s.at,
          duration_ms: 4000,
          idempotency_key: randomUUID(),
          created_at: s.at,
          undone_at: null,
        });
      }
      const last = steps.at(-1)!;
      states.push({
        ...last.after,
        user_id: userId,
        card_id: card.id,
        deck_id: deckId,
        card_created_at: card.created_at,
        version: steps.length,
        updated_at: last.at,
      });
    }
    await insertInBatches(states.map(stateValues), (b) => db.insert(cardStudyStates).values(b));
    // A log entry has ~25 columns: 500 rows stay far below PostgreSQL's 65,535 bind parameters.
    await insertInBatches(entries.map(entryValues), (b) => db.insert(studyReviews).values(b), 500);
    logRows += entries.length;
  }
  return { email, userId, deckIds, cardIds, logRows };
}
