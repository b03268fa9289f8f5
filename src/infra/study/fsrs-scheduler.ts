/**
 * The scheduler port on ts-fsrs (FSRS-6). Fuzz is seeded from the card id and its repetition count, so the same
 * history always gives the same schedule: the property that lets a card's log be replayed into its state.
 */
import {
  createEmptyCard,
  fsrs,
  GenSeedStrategyWithCardId,
  Rating,
  State,
  StrategyMode,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import type { CardSchedule, SchedulerSettings, SpacedRepetitionScheduler, StudyRating, StudyStateName } from '../../core/index.js';

const STATE_NAMES: Record<State, StudyStateName> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATES: Record<StudyStateName, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};
const GRADES: Record<StudyRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

type SeededCard = FsrsCard & { card_id: string };

const toSchedule = (card: FsrsCard): CardSchedule => ({
  due: new Date(card.due.getTime()),
  stability: card.stability,
  difficulty: card.difficulty,
  elapsed_days: card.elapsed_days,
  scheduled_days: card.scheduled_days,
  learning_steps: card.learning_steps,
  reps: card.reps,
  lapses: card.lapses,
  state: STATE_NAMES[card.state],
  last_review: card.last_review ? new Date(card.last_review.getTime()) : null,
});

const toCard = (s: CardSchedule, cardId: string): SeededCard => ({
  due: s.due,
  stability: s.stability,
  difficulty: s.difficulty,
  elapsed_days: s.elapsed_days,
  scheduled_days: s.scheduled_days,
  learning_steps: s.learning_steps,
  reps: s.reps,
  lapses: s.lapses,
  state: STATES[s.state],
  ...(s.last_review ? { last_review: s.last_review } : {}),
  card_id: cardId,
});

/** The library's own card-id seed: the card's id and its repetition count, read from the card we pass in. */
const seedFromCardId = GenSeedStrategyWithCardId('card_id');

export function createFsrsScheduler(): SpacedRepetitionScheduler {
  // One FSRS instance per distinct settings: users mostly share the defaults.
  const instances = new Map<string, FSRS>();
  const instance = (settings: SchedulerSettings): FSRS => {
    const key = JSON.stringify([
      settings.request_retention,
      settings.maximum_interval,
      settings.enable_fuzz,
      settings.learning_steps,
      settings.relearning_steps,
    ]);
    let f = instances.get(key);
    if (!f) {
      f = fsrs({
        request_retention: settings.request_retention,
        maximum_interval: settings.maximum_interval,
        enable_fuzz: settings.enable_fuzz,
        learning_steps: settings.learning_steps as StepUnit[],
        relearning_steps: settings.relearning_steps as StepUnit[],
      }).useStrategy(StrategyMode.SEED, seedFromCardId);
      if (instances.size > 1000) instances.clear();
      instances.set(key, f);
    }
    return f;
  };

  return {
    empty: (now) => toSchedule(createEmptyCard(now)),
    answer: (current, rating, at, cardId, settings) =>
      toSchedule(instance(settings).next(toCard(current, cardId), at, GRADES[rating]).card),
    preview(current, at, cardId, settings) {
      const outcomes = instance(settings).repeat(toCard(current, cardId), at);
      return {
        again: toSchedule(outcomes[Rating.Again].card),
        hard: toSchedule(outcomes[Rating.Hard].card),
        good: toSchedule(outcomes[Rating.Good].card),
        easy: toSchedule(outcomes[Rating.Easy].card),
      };
    },
  };
}
