/** Statistics of a deck and of all the user's studying, in the user's study days. */
import type { UseCaseArgs } from '../context.js';
import type { CardStudyState, ReviewLogEntry, StudySettings } from '../ports/study.js';
import { studyDate, studyDay } from './study-day.js';
import { loadStudySettings } from './study-settings.js';
import { newCardsIntroduced } from './study-queue.js';
import { ownDeck, studyAccess } from './study-access.js';

const DAYS = 30;
const DAY_MS = 86_400_000;
/** FSRS has no ease factor; the original client's field gets SM-2's starting value so it stays a number. */
export const COMPAT_EASE_FACTOR = 2.5;

export interface DayCount {
  date: string;
  count: number;
}

export interface StateTotals {
  total_cards: number;
  new_cards: number;
  learning_cards: number;
  review_cards: number;
}

export interface DeckStudyStats extends StateTotals {
  deck_id: string;
  /** Due now: learning and review cards due, plus the new cards today's limit still allows. */
  due_cards: number;
  /** Due by the end of the study day, counted the same way. */
  due_today: number;
  next_review_date: Date | null;
  average_ease_factor: number;
  average_difficulty: number | null;
  completion_rate: number;
  forecast: DayCount[];
  reviews_per_day: DayCount[];
  retention_30d: number | null;
  day_ends_at: Date;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function totals(states: CardStudyState[], cardCount: number): StateTotals {
  const studied = states.filter((s) => s.state !== 'new');
  return {
    total_cards: cardCount,
    new_cards: Math.max(0, cardCount - studied.length),
    learning_cards: studied.filter((s) => s.state === 'learning' || s.state === 'relearning').length,
    review_cards: studied.filter((s) => s.state === 'review').length,
  };
}

/** Counts per study day for `days` days starting at offset `from` (0 = today); earlier instants go to the first day. */
function perDay(instants: Date[], settings: StudySettings, now: Date, from: number, days: number): DayCount[] {
  const dates = Array.from({ length: days }, (_, i) => studyDay(now, settings.timezone, settings.day_starts_at_hour, from + i).date);
  const counts = new Map(dates.map((d) => [d, 0]));
  for (const instant of instants) {
    let date = studyDate(instant, settings.timezone, settings.day_starts_at_hour);
    if (date < dates[0]!) date = dates[0]!;
    if (counts.has(date)) counts.set(date, counts.get(date)! + 1);
  }
  return dates.map((date) => ({ date, count: counts.get(date)! }));
}

/** Share of answers given in the review state that were not "again", or null without such answers. */
function retention(entries: ReviewLogEntry[]): number | null {
  const inReview = entries.filter((e) => e.kind === 'review' && e.state_before.state === 'review');
  if (inReview.length === 0) return null;
  return round2(inReview.filter((e) => e.rating !== 'again').length / inReview.length);
}

export async function deckStudyStats({ ctx, input }: UseCaseArgs<{ deckId: string }>): Promise<DeckStudyStats> {
  const { userId, study, now } = studyAccess(ctx);
  const deck = await ownDeck(ctx, userId, input.deckId);
  const settings = await loadStudySettings(ctx, userId);
  const day = studyDay(now, settings.timezone, settings.day_starts_at_hour);
  const since = new Date(day.start.getTime() - (DAYS - 1) * DAY_MS);
  const [states, log, introduced] = await Promise.all([
    study.listStates(userId, deck.id),
    study.logSince(userId, deck.id, since),
    newCardsIntroduced(study, userId, day.start),
  ]);
  const counts = totals(states, deck.card_count);
  const studied = states.filter((s) => s.state !== 'new');
  const newToday = Math.min(counts.new_cards, Math.max(0, settings.new_cards_per_day - introduced));
  const dueBy = (instant: Date) => studied.filter((s) => s.due <= instant).length;
  const dues = studied.map((s) => s.due.getTime());
  return {
    deck_id: deck.id,
    ...counts,
    due_cards: dueBy(now) + newToday,
    due_today: dueBy(new Date(day.end.getTime() - 1)) + newToday,
    next_review_date: dues.length > 0 ? new Date(Math.min(...dues)) : null,
    average_ease_factor: COMPAT_EASE_FACTOR,
    average_difficulty: studied.length > 0 ? round2(studied.reduce((sum, s) => sum + s.difficulty, 0) / studied.length) : null,
    completion_rate: counts.total_cards > 0 ? round2((100 * studied.length) / counts.total_cards) : 0,
    forecast: perDay(
      studied.map((s) => s.due),
      settings,
      now,
      0,
      DAYS,
    ),
    reviews_per_day: perDay(
      log.filter((e) => e.kind === 'review').map((e) => e.reviewed_at),
      settings,
      now,
      -(DAYS - 1),
      DAYS,
    ),
    retention_30d: retention(log),
    day_ends_at: day.end,
  };
}

export interface UserStudyStats extends Omit<StateTotals, 'total_cards'> {
  /** Consecutive study days with at least one answer, ending today (or yesterday, if none yet today). */
  streak_days: number;
  studied_cards: number;
  reviews_today: number;
  reviews_30d: number;
  retention_30d: number | null;
  due_now: number;
  day_ends_at: Date;
}

/** The streak is counted over the last year of answers at most. */
const STREAK_WINDOW_DAYS = 366;

export async function userStudyStats({ ctx }: UseCaseArgs<Record<string, never>>): Promise<UserStudyStats> {
  const { userId, study, now } = studyAccess(ctx);
  const settings = await loadStudySettings(ctx, userId);
  const day = studyDay(now, settings.timezone, settings.day_starts_at_hour);
  const [states, newCards, log] = await Promise.all([
    study.listStates(userId, null),
    study.countNew(userId, null),
    study.logSince(userId, null, new Date(day.start.getTime() - STREAK_WINDOW_DAYS * DAY_MS)),
  ]);
  const answers = log.filter((e) => e.kind === 'review');
  const dates = new Set(answers.map((e) => studyDate(e.reviewed_at, settings.timezone, settings.day_starts_at_hour)));
  let streak = 0;
  for (
    let offset = dates.has(day.date) ? 0 : -1;
    dates.has(studyDay(now, settings.timezone, settings.day_starts_at_hour, offset).date);
    offset--
  ) {
    streak++;
  }
  const studied = states.filter((s) => s.state !== 'new');
  const since30 = new Date(day.start.getTime() - (DAYS - 1) * DAY_MS);
  const last30 = answers.filter((e) => e.reviewed_at >= since30);
  return {
    new_cards: newCards,
    learning_cards: studied.filter((s) => s.state === 'learning' || s.state === 'relearning').length,
    review_cards: studied.filter((s) => s.state === 'review').length,
    streak_days: streak,
    studied_cards: studied.length,
    reviews_today: answers.filter((e) => e.reviewed_at >= day.start).length,
    reviews_30d: last30.length,
    retention_30d: retention(last30),
    due_now: studied.filter((s) => s.due <= now).length,
    day_ends_at: day.end,
  };
}
