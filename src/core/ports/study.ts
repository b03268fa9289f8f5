/**
 * Ports of spaced repetition. Scheduling state lives per (user, card), never on the card row, so a shared or
 * imported deck cannot share progress. The review log is append-only: an entry is never deleted through the
 * API (an undo marks it `undone_at`), so replaying a card's log from an empty card gives its stored state.
 */
import type { Card, Page, PageRequest } from '../domain.js';

export const STUDY_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type StudyStateName = (typeof STUDY_STATES)[number];

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type StudyRating = (typeof RATINGS)[number];

/** The FSRS memory and scheduling fields of one card for one user. */
export interface CardSchedule {
  due: Date;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: StudyStateName;
  last_review: Date | null;
}

export interface CardStudyState extends CardSchedule {
  user_id: string;
  card_id: string;
  deck_id: string;
  /** The card's created_at: its place in the deck's listing order (and, on DynamoDB, part of the card's key). */
  card_created_at: Date;
  /** Raised by every write; a client answering with an older version gets a 409. 0 means "never written". */
  version: number;
  updated_at: Date;
}

export type ReviewKind = 'review' | 'reset';

export interface ReviewLogEntry {
  id: string;
  user_id: string;
  card_id: string;
  deck_id: string;
  kind: ReviewKind;
  /** Null for a reset. */
  rating: StudyRating | null;
  state_before: CardSchedule;
  state_after: CardSchedule;
  /** The card's state version this entry produced: replay order. */
  version: number;
  reviewed_at: Date;
  duration_ms: number | null;
  /** Client-supplied; unique per user. Null for answers through the original client's session routes. */
  idempotency_key: string | null;
  created_at: Date;
  undone_at: Date | null;
}

/** Per-user FSRS and calendar settings. */
export interface StudySettings {
  request_retention: number;
  maximum_interval: number;
  enable_fuzz: boolean;
  learning_steps: string[];
  relearning_steps: string[];
  new_cards_per_day: number;
  /** Local hour at which a study day ends and the next begins, as in Anki. */
  day_starts_at_hour: number;
  /** IANA time zone name. */
  timezone: string;
}

export type SchedulerSettings = Pick<
  StudySettings,
  'request_retention' | 'maximum_interval' | 'enable_fuzz' | 'learning_steps' | 'relearning_steps'
>;

/** Computes FSRS schedules. Pure and deterministic: fuzz is seeded from the card id and its repetitions. */
export interface SpacedRepetitionScheduler {
  empty(now: Date): CardSchedule;
  answer(current: CardSchedule, rating: StudyRating, at: Date, cardId: string, settings: SchedulerSettings): CardSchedule;
  preview(current: CardSchedule, at: Date, cardId: string, settings: SchedulerSettings): Record<StudyRating, CardSchedule>;
}

/** One write: a new log entry and the state it leads to, applied only if the state is still at `expected_version`. */
export interface StudyWrite {
  card: Pick<Card, 'id' | 'deck_id' | 'created_at'>;
  expected_version: number;
  entry: ReviewLogEntry;
  /** The state after the write; its version is expected_version + 1. */
  next: CardStudyState;
}

export type StudyWriteResult =
  | { status: 'written' }
  /** The state moved on since it was read (another answer, an undo, a reset). */
  | { status: 'stale' }
  /** This idempotency key is already in the log: nothing written, the earlier entry given back. */
  | { status: 'duplicate'; entry: ReviewLogEntry }
  /** The card was deleted meanwhile. */
  | { status: 'card_gone' };

export interface UndoWrite {
  entry: ReviewLogEntry;
  /** The version the state was read at: the undo applies only if nothing changed since. */
  expected_version: number;
  /** The state restored from entry.state_before, with the next version. */
  restored: CardStudyState;
  undone_at: Date;
}

export interface DueQuery {
  deckId: string | null;
  states: StudyStateName[];
  /** Due at or before this instant. */
  before: Date;
}

/** A card with the user's state of it; null state: never studied. */
export interface StudyCard {
  card: Card;
  state: CardStudyState | null;
}

export interface StudyRepository {
  getSettings(userId: string): Promise<StudySettings | null>;
  saveSettings(userId: string, settings: StudySettings, now: Date): Promise<void>;
  getState(userId: string, deckId: string, cardId: string): Promise<CardStudyState | null>;
  /** Non-new states due by `before`, earliest first (ties by card id). */
  listDue(userId: string, query: DueQuery, limit: number): Promise<StudyCard[]>;
  countDue(userId: string, query: DueQuery): Promise<number>;
  /** The user's cards without a state or in state new, in the deck's listing order (created_at, id). */
  listNew(userId: string, deckId: string | null, limit: number): Promise<StudyCard[]>;
  countNew(userId: string, deckId: string | null): Promise<number>;
  /** Every state of the deck (or of all decks): for statistics. */
  listStates(userId: string, deckId: string | null): Promise<CardStudyState[]>;
  /** Atomic: duplicate key check, version check, state write and log append, all or nothing. */
  write(userId: string, write: StudyWrite): Promise<StudyWriteResult>;
  findByIdempotencyKey(userId: string, key: string): Promise<ReviewLogEntry | null>;
  /** The newest review (not reset, not undone) of the user, or of one deck. */
  lastReview(userId: string, deckId: string | null): Promise<ReviewLogEntry | null>;
  /** Atomic: only while the state is at expected_version and the entry is not undone; false otherwise. */
  undo(userId: string, undo: UndoWrite): Promise<boolean>;
  /** A card's whole log, undone entries included, in version order. */
  cardLog(userId: string, cardId: string): Promise<ReviewLogEntry[]>;
  /** Answers (not undone) since `since` that were a card's first since it was new: the daily new-card count. */
  countNewStarted(userId: string, since: Date): Promise<number>;
  /** Entries (not undone) reviewed at or after `since`, of one deck or all. */
  logSince(userId: string, deckId: string | null, since: Date): Promise<ReviewLogEntry[]>;
}

export const SESSION_TYPES = ['review', 'learn_new', 'cram'] as const;
export type StudySessionType = (typeof SESSION_TYPES)[number];

/** A run through a deck by the original web client. */
export interface StudySession {
  id: string;
  user_id: string;
  deck_id: string;
  session_type: StudySessionType;
  started_at: Date;
  ended_at: Date | null;
  cards_reviewed: number;
  cards_correct: number;
  cards_incorrect: number;
  card_ids: string[];
}

export interface StudySessionRepository {
  /** Ends any open session of the user on that deck and stores the new one, in one step. */
  start(session: StudySession): Promise<StudySession>;
  get(userId: string, sessionId: string): Promise<StudySession | null>;
  /** The newest open session of the user on the deck. */
  active(userId: string, deckId: string): Promise<StudySession | null>;
  /** Newest first. */
  list(userId: string, page: PageRequest): Promise<Page<StudySession>>;
  /** Counts one answer while the session is open; null when missing, 'ended' when closed. */
  countAnswer(userId: string, sessionId: string, correct: boolean): Promise<StudySession | 'ended' | null>;
  complete(userId: string, sessionId: string, now: Date): Promise<StudySession | 'ended' | null>;
}

export interface StudyPorts {
  study: StudyRepository;
  studySessions: StudySessionRepository;
  scheduler: SpacedRepetitionScheduler;
}
