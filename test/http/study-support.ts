/** The test app with the real FSRS scheduler and a clock the test moves. */
import type { Clock, Ports } from '../../src/core/index.js';
import { createFsrsScheduler } from '../../src/infra/study/fsrs-scheduler.js';
import { buildTestApp, call, createCard, createDeck, signUp, type TestApp } from './support.js';

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** Each read moves 1 ms forward, so entries written one after another never share an instant. */
export function manualClock(start: Date | string = '2030-03-10T12:00:00.000Z'): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t++),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function buildStudyApp(clock: ManualClock = manualClock()): TestApp & { clock: ManualClock } {
  // Tokens and sign-in sessions that outlive the months the tests move the clock through.
  const auth = { accessTokenTtlSeconds: 5 * 365 * 86400, refreshTokenTtlSeconds: 5 * 365 * 86400 };
  return { ...buildTestApp({ ports: { scheduler: createFsrsScheduler(), clock, auth } as unknown as Ports }), clock };
}

/** A signed-up user with a deck of `n` cards (created in order). */
export async function studentWithDeck(app: TestApp['app'], n: number) {
  const user = await signUp(app);
  const deck = await createDeck(app, user.access, { title: 'Biology' });
  const cards = [];
  for (let i = 0; i < n; i++) {
    cards.push(
      await createCard(app, user.access, deck.id, {
        question: `Question ${i}?`,
        answer: `Answer ${i}.`,
        source: 'Biology101.pdf - Page 3',
      }),
    );
  }
  return { user, deck, cards, token: user.access };
}

let keys = 0;
export const answer = (app: TestApp['app'], token: string, cardId: string, rating: unknown, extra: Record<string, unknown> = {}) =>
  call(app, 'POST', '/api/v1/study/reviews', {
    token,
    body: { card_id: cardId, rating, idempotency_key: `key-${++keys}-${Math.random()}`, ...extra },
  });
