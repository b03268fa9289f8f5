/**
 * Rules for fill-in-the-blank cards. A blank is a run of three or more underscores (or "[...]", "{{...}}").
 * - `cloze_splits_word`: the blank cuts a number, a word or a name apart: "more than 1,____ stations" -> "200",
 *   "photo____" -> "synthesis", "Brewster ____" -> "Kahle". The student guesses digits or letters, not a fact.
 * - `cloze_blank_meaningless`: the blank hides a word that carries no meaning alone ("the", "of", "Inc", "etc",
 *   a single letter): recalling it teaches nothing (Wozniak's "minimum information" turned upside down).
 */
import { fold, isFunctionWord, type RuleLanguage } from './card-words.js';

const BLANK = /_{3,}|\[\s*(?:\.{3}|\u2026)\s*\]|\{\{[^}]*\}\}/gu;

export interface ClozeParts {
  before: string;
  after: string;
}

/** The text around the blanks, or null when the question has no blank. */
export function clozeBlanks(question: string): ClozeParts[] {
  return [...question.matchAll(BLANK)].map((m) => ({ before: question.slice(0, m.index), after: question.slice(m.index + m[0].length) }));
}

export const isCloze = (question: string): boolean => clozeBlanks(question).length > 0;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;

/** The blank touches a letter or digit, or a digit group separator between digits ("1,____", "____.5"). */
function touchesWord(before: string, after: string): boolean {
  const left = before.at(-1) ?? ' ';
  const right = after.at(0) ?? ' ';
  if (WORD_CHAR.test(left) || WORD_CHAR.test(right)) return true;
  if (/[.,]/u.test(left) && DIGIT.test(before.at(-2) ?? '')) return true;
  if (/[.,]/u.test(right) && DIGIT.test(after.at(1) ?? '')) return true;
  // "well-____", "____-based": a hyphenated compound cut in two.
  return (left === '-' && WORD_CHAR.test(before.at(-2) ?? '')) || (right === '-' && WORD_CHAR.test(after.at(1) ?? ''));
}

const NAME_WORD = /^\p{Lu}[\p{Ll}'\u2019]+$/u;

/** A capitalised answer next to a capitalised word that is not a sentence start: one part of a longer name. */
function splitsName(before: string, after: string, answer: string): boolean {
  if (!NAME_WORD.test(answer.trim().split(/\s+/u)[0] ?? '')) return false;
  const prev = /(\S+)\s+$/u.exec(before)?.[1] ?? '';
  const next = /^\s+(\S+)/u.exec(after)?.[1] ?? '';
  const prevStartsSentence = /(^|[.!?:]\s*)\S+\s+$/u.test(before.replace(/^\s*\p{L}+:\s*/u, ''));
  const prevIsName = NAME_WORD.test(prev) && !prevStartsSentence && !/^\p{L}+:$/u.test(prev);
  return prevIsName || NAME_WORD.test(next.replace(/[.,;:!?)]+$/u, ''));
}

export function clozeSplitsWord(question: string, answer: string): boolean {
  return clozeBlanks(question).some(({ before, after }) => touchesWord(before, after) || splitsName(before, after, answer));
}

/** Abbreviations and fragments that are never the point of a sentence. */
const EMPTY_ANSWERS = new Set([
  'inc',
  'ltd',
  'co',
  'corp',
  'llc',
  'etc',
  'mr',
  'mrs',
  'ms',
  'dr',
  'jr',
  'sr',
  'st',
  'vs',
  'sa',
  'sl',
  'gmbh',
]);

export function clozeBlankMeaningless(question: string, answer: string, languages: readonly RuleLanguage[]): boolean {
  if (!isCloze(question)) return false;
  const words = fold(answer).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return true;
  // A single letter is meaningless; a digit ("7 ____") or an acronym ("ATP") is not.
  const meaningful = words.filter((w) => !isFunctionWord(w, languages) && !EMPTY_ANSWERS.has(w) && (w.length > 1 || /\p{N}/u.test(w)));
  return meaningful.length === 0;
}
