/**
 * One fact per card (Wozniak: minimum information, no sets, avoid long enumerations; Matuschak: focused).
 * - `answer_too_long` (hard): an answer over ANSWER_MAX_WORDS words is a paragraph, not something to recall.
 * - `long_answer` (soft): over ANSWER_LONG_WORDS words; kept, flagged.
 * - `too_many_items` (hard): a list of more than LIST_MAX_ITEMS items; a cloze per item or a card per group
 *   is the better card.
 * - `long_list` (soft): more than LIST_LONG_ITEMS items; kept, flagged.
 */
import { wordCount } from './card-words.js';

export const ANSWER_LONG_WORDS = 35;
export const ANSWER_MAX_WORDS = 60;
export const LIST_LONG_ITEMS = 5;
export const LIST_MAX_ITEMS = 8;

/** Short parts (a few words each) between commas, semicolons, line breaks or a final "and"/"y"/"et"/"und"... */
const LIST_SEPARATOR = /[,;\n\u2022]|\s(?:and|or|y|e|o|u|et|ou|und|oder|ed)\s/iu;
/** A list's items are short: most of them a few words ("light, water and carbon dioxide"). */
const ITEM_MEDIAN_MAX_WORDS = 3;

/** Number of items of the longest enumeration in one sentence of the answer, else 1. */
export function listItems(answer: string): number {
  return Math.max(1, ...answer.split(/(?<=[.!?])\s+(?=\p{Lu})/u).map(sentenceItems));
}

function sentenceItems(sentence: string): number {
  const parts = sentence
    .split(LIST_SEPARATOR)
    .map((p) => p.replace(/^\s*(?:\d+[.)]|[-*])\s*/u, '').trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
  if (parts.length < 3) return 1;
  const sizes = parts.map(wordCount).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)]! <= ITEM_MEDIAN_MAX_WORDS ? parts.length : 1;
}

export const answerTooLong = (answer: string): boolean => wordCount(answer) > ANSWER_MAX_WORDS;
export const longAnswer = (answer: string): boolean => wordCount(answer) > ANSWER_LONG_WORDS;
export const tooManyItems = (answer: string): boolean => listItems(answer) > LIST_MAX_ITEMS;
export const longList = (answer: string): boolean => listItems(answer) > LIST_LONG_ITEMS;
