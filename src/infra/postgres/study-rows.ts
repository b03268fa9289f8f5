/** Rows of the study tables <-> domain objects. */
import type { CardSchedule, CardStudyState, ReviewLogEntry } from '../../core/index.js';
import type { cardStudyStates, ScheduleJson, studyReviews } from './schema-study.js';

export const scheduleToJson = (s: CardSchedule): ScheduleJson => ({
  due: s.due.toISOString(),
  stability: s.stability,
  difficulty: s.difficulty,
  elapsed_days: s.elapsed_days,
  scheduled_days: s.scheduled_days,
  learning_steps: s.learning_steps,
  reps: s.reps,
  lapses: s.lapses,
  state: s.state,
  last_review: s.last_review ? s.last_review.toISOString() : null,
});

export const scheduleFromJson = (j: ScheduleJson): CardSchedule => ({
  due: new Date(j.due),
  stability: j.stability,
  difficulty: j.difficulty,
  elapsed_days: j.elapsed_days,
  scheduled_days: j.scheduled_days,
  learning_steps: j.learning_steps,
  reps: j.reps,
  lapses: j.lapses,
  state: j.state,
  last_review: j.last_review ? new Date(j.last_review) : null,
});

export const toState = (row: typeof cardStudyStates.$inferSelect): CardStudyState => ({ ...row });

export const stateValues = (s: CardStudyState): typeof cardStudyStates.$inferInsert => ({ ...s });

export const toEntry = (row: typeof studyReviews.$inferSelect): ReviewLogEntry => {
  const { seq: _seq, ...rest } = row;
  return { ...rest, state_before: scheduleFromJson(row.state_before), state_after: scheduleFromJson(row.state_after) };
};

export const entryValues = (e: ReviewLogEntry): typeof studyReviews.$inferInsert => ({
  ...e,
  state_before: scheduleToJson(e.state_before),
  state_after: scheduleToJson(e.state_after),
});
