/**
 * Question templates per card language (en, es, fr, de, pt, it) for the cards every language gets: cloze
 * prompts and cause/effect questions. A question a student reads years later must be a real sentence of
 * their language, so each template is a construction that takes any declarative clause unchanged.
 */
import type { CardLanguage } from './text-language.js';

/** The word before a cloze: "Complete: The ____ makes ATP." */
export const COMPLETE: Record<CardLanguage, string> = {
  en: 'Complete',
  es: 'Completa',
  fr: 'Complète',
  de: 'Ergänze',
  pt: 'Complete',
  it: 'Completa',
};

/**
 * "Why ...?" around a clause, with no reordering of its words: "Why is it that the law is changing?",
 * "¿Por qué el agua hierve?", "Pourquoi le ciel est bleu ?", "Was ist der Grund dafür: ...?".
 */
export const WHY: Record<CardLanguage, (clause: string) => string> = {
  en: (c) => `Why is it that ${c}?`,
  es: (c) => `¿Por qué ${c}?`,
  fr: (c) => `Pourquoi ${c} ?`,
  de: (c) => `Was ist der Grund dafür: ${c}?`,
  pt: (c) => `Por que ${c}?`,
  it: (c) => `Perché ${c}?`,
};

/** Words that introduce a cause after the effect: "X because Y". */
export const CAUSE_WORDS: Record<CardLanguage, string[]> = {
  en: ['because', 'due to', 'owing to', 'as a result of'],
  es: ['porque', 'debido a', 'ya que', 'puesto que', 'a causa de'],
  fr: ['parce que', 'en raison de', 'à cause de', 'grâce à'],
  de: ['weil', 'aufgrund', 'wegen'],
  pt: ['porque', 'devido a', 'pois', 'por causa de'],
  it: ['perché', 'poiché', 'a causa di', 'grazie a'],
};
