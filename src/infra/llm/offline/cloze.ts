/**
 * Key sentences as cloze cards: the most telling word of a sentence is blanked out. The word is chosen by
 * simple, deterministic signals: a term defined elsewhere in the chunk, a name or acronym, a number, or
 * else the longest content word. A name runs on over the capitalised words that follow ("Raymond Lindeman").
 */
import { displayText, isListItem } from './sentences.js';
import { isStopword, type OfflineLanguage } from './text-language.js';

export const BLANK = '____';

export interface Cloze {
  question: string;
  answer: string;
  /** Higher is a better card; used to pick among sentences. */
  score: number;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;
const STARTS_WITH_PRONOUN = /^(it|its|they|their|this|these|those|that|he|she|such|esto|este|esta|estos|estas|eso|ello|ella|ellos|ellas|su|sus)\s/iu;
const NAME_WORD = /^\p{Lu}\p{Ll}+$/u;
const singular = (word: string) => word.replace(/(?<=\p{L}{3})s$/u, '');

function score(word: string, index: number, knownTerms: ReadonlySet<string>): number {
  const lower = word.toLowerCase();
  if (isStopword(lower) || word.length < 3) return 0;
  if (knownTerms.has(lower) || knownTerms.has(singular(lower))) return 4;
  if (/^\p{Lu}{2,}\p{N}*$/u.test(word)) return 3; // acronym: DNA, ATP
  if (index > 0 && NAME_WORD.test(word)) return 3; // a name mid-sentence
  if (/^\d{2,4}$/u.test(word)) return 2; // a year or a quantity
  if (word.length >= 7 && /^\p{L}+$/u.test(word)) return 1 + word.length / 100;
  return 0;
}

export function makeCloze(sentence: string, language: OfflineLanguage, knownTerms: ReadonlySet<string>): Cloze | null {
  const text = displayText(sentence);
  if (isListItem(text) || text.endsWith(':') || text.length < 50 || text.length > 260) return null;
  // "It is surrounded by..." means nothing on a card, away from the sentence that said what "it" is.
  if (STARTS_WITH_PRONOUN.test(text)) return null;
  const words: Word[] = [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  let best = -1;
  let bestScore = 0;
  words.forEach((w, i) => {
    const s = score(w.text, i, knownTerms);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  if (best === -1) return null;
  let last = best;
  if (bestScore === 3 && NAME_WORD.test(words[best]!.text)) {
    while (last + 1 < words.length && NAME_WORD.test(words[last + 1]!.text) && /^\s+$/u.test(text.slice(words[last]!.end, words[last + 1]!.start))) last++;
  }
  const from = words[best]!.start;
  const to = words[last]!.end;
  const prefix = language === 'es' ? 'Completa' : 'Complete';
  return { question: `${prefix}: ${text.slice(0, from)}${BLANK}${text.slice(to)}`, answer: text.slice(from, to), score: bestScore };
}
