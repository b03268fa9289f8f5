/**
 * Spaced repetition: per-(user, card) FSRS state, the append-only review log, per-user settings and the original
 * client's study sessions. Everything cascades from the card or deck, so deleting one removes its study data.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StudyRating, StudySessionType, StudySettings, StudyStateName } from '../../core/index.js';
import { timestamptz } from './schema-columns.js';
import { users } from './schema-accounts.js';
import { cards, decks } from './schema-decks.js';

/** The JSON form of a CardSchedule in the log (instants as ISO strings). */
export interface ScheduleJson {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: StudyStateName;
  last_review: string | null;
}

export const cardStudyStates = pgTable(
  'card_study_states',
  {
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    card_id: uuid('card_id')
      .notNull()
      .references(() => cards.id, { onDelete: 'cascade' }),
    deck_id: uuid('deck_id')
      .notNull()
      .references(() => decks.id, { onDelete: 'cascade' }),
    card_created_at: timestamptz('card_created_at').notNull(),
    due: timestamptz('due').notNull(),
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    elapsed_days: integer('elapsed_days').notNull(),
    scheduled_days: integer('scheduled_days').notNull(),
    learning_steps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: text('state').$type<StudyStateName>().notNull(),
    last_review: timestamptz('last_review'),
    version: integer('version').notNull(),
    updated_at: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'card_study_states_pk', columns: [t.user_id, t.card_id] }),
    check('card_study_states_state_known', sql`${t.state} in ('new', 'learning', 'review', 'relearning')`),
    // The due queue of one deck, and of all decks: index range scans on (user, [deck,] due). New cards are
    // found from the card list instead, so they stay out of these indexes.
    index('card_study_states_deck_due_idx').on(t.user_id, t.deck_id, t.due, t.card_id).where(sql`${t.state} <> 'new'`),
    index('card_study_states_user_due_idx').on(t.user_id, t.due, t.card_id).where(sql`${t.state} <> 'new'`),
    // Serves the cascades from cards and decks.
    index('card_study_states_card_idx').on(t.card_id),
    index('card_study_states_deck_idx').on(t.deck_id),
  ],
);

export const studyReviews = pgTable(
  'study_reviews',
  {
    id: uuid('id').primaryKey(),
    /** Write order: "the last answer" is the highest seq, whatever the clocks said. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    card_id: uuid('card_id')
      .notNull()
      .references(() => cards.id, { onDelete: 'cascade' }),
    deck_id: uuid('deck_id')
      .notNull()
      .references(() => decks.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'review' | 'reset'>().notNull(),
    rating: text('rating').$type<StudyRating>(),
    state_before: jsonb('state_before').$type<ScheduleJson>().notNull(),
    state_after: jsonb('state_after').$type<ScheduleJson>().notNull(),
    version: integer('version').notNull(),
    reviewed_at: timestamptz('reviewed_at').notNull(),
    duration_ms: integer('duration_ms'),
    idempotency_key: text('idempotency_key'),
    created_at: timestamptz('created_at').notNull(),
    undone_at: timestamptz('undone_at'),
  },
  (t) => [
    check('study_reviews_kind_known', sql`${t.kind} in ('review', 'reset')`),
    unique('study_reviews_user_key_unique').on(t.user_id, t.idempotency_key),
    index('study_reviews_card_version_idx').on(t.card_id, t.version),
    index('study_reviews_user_time_idx').on(t.user_id, t.reviewed_at),
    index('study_reviews_deck_time_idx').on(t.user_id, t.deck_id, t.reviewed_at),
    index('study_reviews_user_last_idx').on(t.user_id, t.seq).where(sql`${t.kind} = 'review' and ${t.undone_at} is null`),
    index('study_reviews_deck_last_idx').on(t.user_id, t.deck_id, t.seq).where(sql`${t.kind} = 'review' and ${t.undone_at} is null`),
    index('study_reviews_deck_idx').on(t.deck_id),
  ],
);

export const studySettings = pgTable('study_settings', {
  user_id: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  settings: jsonb('settings').$type<StudySettings>().notNull(),
  updated_at: timestamptz('updated_at').notNull(),
});

export const studySessions = pgTable(
  'study_sessions',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deck_id: uuid('deck_id')
      .notNull()
      .references(() => decks.id, { onDelete: 'cascade' }),
    session_type: text('session_type').$type<StudySessionType>().notNull(),
    started_at: timestamptz('started_at').notNull(),
    ended_at: timestamptz('ended_at'),
    cards_reviewed: integer('cards_reviewed').notNull().default(0),
    cards_correct: integer('cards_correct').notNull().default(0),
    cards_incorrect: integer('cards_incorrect').notNull().default(0),
    card_ids: jsonb('card_ids').$type<string[]>().notNull(),
  },
  (t) => [
    index('study_sessions_user_started_idx').on(t.user_id, t.started_at, t.id),
    index('study_sessions_deck_idx').on(t.deck_id),
    // At most one open session per (user, deck): two concurrent starts cannot both leave one open.
    uniqueIndex('study_sessions_one_open_idx').on(t.user_id, t.deck_id).where(sql`${t.ended_at} is null`),
  ],
);
