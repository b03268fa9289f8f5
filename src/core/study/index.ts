export { answerCard, type AnswerInput, type AnswerResult } from './answer-card.js';
export { studyQueue, studyQueueQuery, type QueueItem, type StudyQueue } from './study-queue.js';
export { undoLastReview, type UndoResult } from './undo-review.js';
export { resetCard, resetDeck } from './reset-study.js';
export {
  deckStudyStats,
  userStudyStats,
  COMPAT_EASE_FACTOR,
  type DeckStudyStats,
  type UserStudyStats,
  type DayCount,
} from './study-stats.js';
export { getStudySettings, updateStudySettings } from './settings-verbs.js';
export { DEFAULT_STUDY_SETTINGS, studySettingsInput, type StudySettingsChanges } from './study-settings.js';
export { studyDay, studyDate, isTimeZone, zonedInstant, type StudyDay } from './study-day.js';
export { sameSchedule, scheduleOf } from './study-access.js';
export * from './sessions.js';
export * from './study-inputs.js';
export { getStudyCard, type StudyCardView } from './study-card.js';
