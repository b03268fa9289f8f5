/** Builders for the study contract: states and log entries made by hand, so the suite tests storage alone. */
import { randomUUID } from 'node:crypto';
import type { Card, CardSchedule, ReviewLogEntry, StudyRating, StudyStateName, StudyWrite } from '../../../src/core/index.js';
import { T0, at } from './fixtures.js';

export const schedule = (state: StudyStateName, due: Date, extra: Partial<CardSchedule> = {}): CardSchedule => ({
  due,
  stability: 2.5,
  difficulty: 5.25,
  elapsed_days: 0,
  scheduled_days: 1,
  learning_steps: 0,
  reps: 1,
  lapses: 0,
  state,
  last_review: T0,
  ...extra,
});

export interface WriteOptions {
  expected?: number;
  key?: string | null;
  rating?: StudyRating | null;
  kind?: 'review' | 'reset';
  after?: CardSchedule;
  before?: CardSchedule;
  reviewedAt?: Date;
  createdAt?: Date;
}

export function studyWrite(userId: string, card: Card, options: WriteOptions = {}): StudyWrite {
  const expected = options.expected ?? 0;
  const after = options.after ?? schedule('learning', at(600));
  const now = options.createdAt ?? at(expected + 1);
  const entry: ReviewLogEntry = {
    id: randomUUID(),
    user_id: userId,
    card_id: card.id,
    deck_id: card.deck_id,
    kind: options.kind ?? 'review',
    rating: options.kind === 'reset' ? null : (options.rating ?? 'good'),
    state_before: options.before ?? schedule('new', T0, { reps: 0, last_review: null, stability: 0, difficulty: 0, scheduled_days: 0 }),
    state_after: after,
    version: expected + 1,
    reviewed_at: options.reviewedAt ?? now,
    duration_ms: 1200,
    idempotency_key: options.key === undefined ? randomUUID() : options.key,
    created_at: now,
    undone_at: null,
  };
  return {
    card,
    expected_version: expected,
    entry,
    next: {
      ...after,
      user_id: userId,
      card_id: card.id,
      deck_id: card.deck_id,
      card_created_at: card.created_at,
      version: expected + 1,
      updated_at: now,
    },
  };
}
