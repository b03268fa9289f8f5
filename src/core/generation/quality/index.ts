/** Card quality: named rules every generated card must pass (hard) or is flagged by (soft), and coverage. */
export * from './answer-given-away.js';
export * from './card-quality.js';
export { RULE_LANGUAGES, ruleLanguages, wordCount, type RuleLanguage } from './card-words.js';
export * from './cloze-rules.js';
export * from './coverage.js';
export * from './one-fact.js';
export * from './plain-text.js';
export * from './question-form.js';
export * from './standalone-question.js';
