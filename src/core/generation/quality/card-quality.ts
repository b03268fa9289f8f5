/**
 * The card-quality rules every provider's cards must pass, applied after grounding (see generate-grounded-drafts).
 * A hard rule's breaker is dropped and counted by rule name in the document's `rejections`; a soft rule's
 * breaker is kept with the rule's name in its `quality_flags`, so a client can show it. Each rule is a pure
 * function documented in its own file; near-duplicates (`near_duplicate`, question-dedupe.ts) and grounding
 * (`ungrounded`, grounding.ts) are counted alongside by the pipeline.
 */
import { answerInQuestion } from './answer-given-away.js';
import type { RuleLanguage } from './card-words.js';
import { clozeBlankMeaningless, clozeSplitsWord } from './cloze-rules.js';
import { answerTooLong, longAnswer, longList, tooManyItems } from './one-fact.js';
import { hasMarkup } from './plain-text.js';
import { notAQuestion } from './question-form.js';
import { danglingPronoun, refersToDocument } from './standalone-question.js';

export interface CardText {
  question: string;
  answer: string;
}

type Check = (card: CardText, languages: readonly RuleLanguage[]) => boolean;

/** In the order they are checked: the first hard rule a card breaks is the reason it is counted under. */
export const HARD_RULES = {
  markup: (c) => hasMarkup(c.question) || hasMarkup(c.answer),
  not_a_question: (c) => notAQuestion(c.question),
  refers_to_document: (c, l) => refersToDocument(c.question, l) || refersToDocument(c.answer, l),
  cloze_splits_word: (c) => clozeSplitsWord(c.question, c.answer),
  cloze_blank_meaningless: (c, l) => clozeBlankMeaningless(c.question, c.answer, l),
  answer_in_question: (c, l) => answerInQuestion(c.question, c.answer, l),
  answer_too_long: (c) => answerTooLong(c.answer),
  too_many_items: (c) => tooManyItems(c.answer),
} satisfies Record<string, Check>;

export const SOFT_RULES = {
  dangling_pronoun: (c, l) => danglingPronoun(c.question, l),
  long_answer: (c) => longAnswer(c.answer),
  long_list: (c) => longList(c.answer),
} satisfies Record<string, Check>;

export type HardRule = keyof typeof HARD_RULES;
export type QualityFlag = keyof typeof SOFT_RULES;
/** Every reason a proposed card may be dropped, as the document's `rejections` counts them. */
export type RejectionReason = 'ungrounded' | HardRule | 'near_duplicate';
export const REJECTION_REASONS = ['ungrounded', ...(Object.keys(HARD_RULES) as HardRule[]), 'near_duplicate'] as RejectionReason[];
export const QUALITY_FLAGS = Object.keys(SOFT_RULES) as QualityFlag[];

export interface CardVerdict {
  /** The first hard rule broken, or null when the card may be stored. */
  rejection: HardRule | null;
  /** Soft rules broken: stored with the card. */
  flags: QualityFlag[];
}

export function checkCard(card: CardText, languages: readonly RuleLanguage[]): CardVerdict {
  const rejection = (Object.keys(HARD_RULES) as HardRule[]).find((rule) => HARD_RULES[rule](card, languages)) ?? null;
  const flags = QUALITY_FLAGS.filter((rule) => SOFT_RULES[rule](card, languages));
  return { rejection, flags };
}

/** Every rule a card breaks, hard and soft: what the benchmark reports as "passes every rule" when empty. */
export function brokenRules(card: CardText, languages: readonly RuleLanguage[]): (HardRule | QualityFlag)[] {
  const hard = (Object.keys(HARD_RULES) as HardRule[]).filter((rule) => HARD_RULES[rule](card, languages));
  return [...hard, ...checkCard(card, languages).flags];
}
