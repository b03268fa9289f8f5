/**
 * The review log is the truth: replaying a card's log (undone entries skipped, resets starting over) with ts-fsrs
 * itself, from an empty card, gives exactly the state we stored. Random histories of answers, undos, resets and
 * waits, through the core verbs on the in-memory ports.
 */
import fc from 'fast-check';
import { createEmptyCard, fsrs, GenSeedStrategyWithCardId, Rating, State, StrategyMode, type Card as FsrsCard, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  answerCard,
  createCard,
  createDeck,
  DEFAULT_STUDY_SETTINGS,
  register,
  resetCard,
  undoLastReview,
  type Ctx,
  type Ports,
  type ReviewLogEntry,
  type StudyRating,
} from '../../../src/core/index.js';
import { createMemoryRepositories } from '../../../src/infra/memory/index.js';
import { createFsrsScheduler } from '../../../src/infra/study/fsrs-scheduler.js';
import { uuidGenerator } from '../../../src/infra/system/system-clock.js';
import { manualClock } from '../../http/study-support.js';

const GRADES: Record<StudyRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const STATES = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

/** What ts-fsrs computes for the card's history, using the library directly (not our adapter). */
function replay(cardId: string, log: ReviewLogEntry[]): FsrsCard | null {
  const f = fsrs({ ...DEFAULT_STUDY_SETTINGS, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] }).useStrategy(
    StrategyMode.SEED,
    GenSeedStrategyWithCardId('card_id'),
  );
  // The seed strategy reads card_id from the card it is given.
  const seeded = (c: FsrsCard): FsrsCard => Object.assign(c, { card_id: cardId });
  let card: FsrsCard | null = null;
  for (const entry of log.filter((e) => e.undone_at === null).sort((a, b) => a.version - b.version)) {
    if (entry.kind === 'reset') card = seeded(createEmptyCard(entry.reviewed_at));
    else card = seeded(f.next(card ?? seeded(createEmptyCard(entry.reviewed_at)), entry.reviewed_at, GRADES[entry.rating!]).card);
  }
  return card;
}

async function setUp() {
  const clock = manualClock();
  const ports = {
    ...createMemoryRepositories(),
    hasher: { hash: async (p: string) => `h:${p}`, verify: async (h: string, p: string) => h === `h:${p}` },
    blocklist: { isCommon: () => false },
    tokens: {
      sign: async () => 'token',
      verify: async () => {
        throw new Error('unused');
      },
    },
    clock,
    ids: uuidGenerator,
    auth: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86400 },
    scheduler: createFsrsScheduler(),
  } as unknown as Ports;
  const anonymous: Ctx = { userId: null, requestId: 'test', ports };
  const { user } = await register({
    ctx: anonymous,
    input: { email: `p-${Math.random()}@example.com`, name: 'Prop', password: 'a long passphrase' },
  });
  const ctx: Ctx = { ...anonymous, userId: user.id };
  const deck = await createDeck({ ctx, input: { title: 'Deck' } });
  const cards = [];
  for (let i = 0; i < 3; i++)
    cards.push(
      await createCard({ ctx, input: { deckId: deck.id, card: { question: `Q${i}?`, answer: 'A.', source: 'Notes.pdf - Page 1' } } }),
    );
  return { ctx, clock, cards, ports };
}

const action = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      card: fc.nat(2),
      rating: fc.constantFrom<StudyRating>('again', 'hard', 'good', 'easy'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 60 * 24 * 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), card: fc.nat(2) }) },
);

let compared = 0;

describe('replaying the review log', () => {
  it('gives the stored state of every card, for any history of answers, waits, undos and resets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        const { ctx, clock, cards, ports } = await setUp();
        for (const a of actions) {
          if (a.kind === 'wait') clock.advance(a.minutes * 60_000);
          else if (a.kind === 'answer')
            await answerCard({ ctx, input: { cardId: cards[a.card]!.id, rating: a.rating, idempotencyKey: `${Math.random()}` } });
          else if (a.kind === 'reset') await resetCard({ ctx, input: { cardId: cards[a.card]!.id } });
          else
            await undoLastReview({ ctx, input: { deckId: null } }).catch((e: { code?: string }) =>
              expect(['not_found', 'conflict']).toContain(e.code),
            );
        }
        for (const card of cards) {
          const stored = await ports.study.getState(ctx.userId!, card.deck_id, card.id);
          const expected = replay(card.id, await ports.study.cardLog(ctx.userId!, card.id));
          if (!expected) {
            expect(stored === null || (stored.state === 'new' && stored.reps === 0)).toBe(true);
            continue;
          }
          expect(stored).not.toBeNull();
          compared++;
          expect({
            state: STATES[stored!.state],
            stability: stored!.stability,
            difficulty: stored!.difficulty,
            reps: stored!.reps,
            lapses: stored!.lapses,
            scheduled_days: stored!.scheduled_days,
            learning_steps: stored!.learning_steps,
            last_review: stored!.last_review?.getTime() ?? null,
            due: expected.state === State.New ? expected.due.getTime() : stored!.due.getTime(),
          }).toEqual({
            state: expected.state,
            stability: expected.stability,
            difficulty: expected.difficulty,
            reps: expected.reps,
            lapses: expected.lapses,
            scheduled_days: expected.scheduled_days,
            learning_steps: expected.learning_steps,
            last_review: expected.last_review?.getTime() ?? null,
            due: expected.due.getTime(),
          });
        }
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(60);
  }, 120_000);
});
