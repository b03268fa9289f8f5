/**
 * Key sentences as cloze cards: the most telling term of a sentence is blanked out. The term is chosen by
 * simple, deterministic signals: a term defined in the chunk (whole, "cell membrane" rather than "cell"), a
 * name or acronym, a date or a quantity with its unit. What a student could not miss is never blanked: a
 * word the chunk uses everywhere ("cells" in cell-biology notes), a stopword, or a word the sentence repeats.
 */
import { displayText } from './sentences.js';
import { isStopword, type OfflineLanguage } from './text-language.js';

export const BLANK = '____';
/** Below this score the blank would be a word worth nothing to learn: no card. */
export const MIN_CLOZE_SCORE = 2;

export interface Cloze {
  question: string;
  answer: string;
  /** Higher is a better card; used to pick among sentences. */
  score: number;
}

export interface TermIndex {
  /** Keys (see termKey) of the terms the chunk defines. */
  known: ReadonlySet<string>;
  /** Lower-case singular words found in many of the chunk's sentences. */
  common: ReadonlySet<string>;
}

interface Span {
  start: number;
  end: number;
  score: number;
}

/** A number with its digit groups and decimals is one word: "1,200" is never blanked as "1,____" (rule cloze_splits_word). */
const WORD = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;
const STARTS_WITH_PRONOUN =
  /^(it|its|they|their|this|these|those|that|he|she|such|esto|este|esta|estos|estas|eso|ello|ella|ellos|ellas|su|sus)\s/iu;
/** Spanish drops the subject: "Poseen su propio ADN" is about something named in an earlier sentence. */
const STARTS_WITH_VERB_ES =
  /^(?!(?:orden|examen|imagen|origen|volumen|resumen|germen|polen|carmen)\s)\p{Lu}\p{Ll}+(an|en|on|[ií]a|[ií]an|aba|aban)\s/u;
const NAME_WORD = /^\p{Lu}\p{Ll}+(?:['\u2019]s)?$/u;
const NUMBER = /^\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)?$/u;
const YEAR = /^(1[0-9]|20)\d\d$/u;
/** A word this common in the chunk is what the chunk is about: blanking it teaches nothing. */
const COMMON_SHARE = 0.12;
const COMMON_MIN_SENTENCES = 3;

export const singular = (word: string): string =>
  word
    .toLowerCase()
    .replace(/['\u2019]s$/u, '')
    .replace(/(?<=\p{L}{3})s$/u, '');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words, and defined terms of several words ("data structure"), that many of the chunk's sentences use. */
export function commonWords(sentences: string[], known: Iterable<string> = []): Set<string> {
  const counts = new Map<string, number>();
  const phrases = [...known]
    .filter((k) => k.includes(' '))
    .map((k) => ({ k, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(k)}`, 'u') }));
  for (const s of sentences) {
    const keys = new Set((s.match(WORD) ?? []).filter((w) => w.length > 2 && !isStopword(w)).map(singular));
    for (const { k, re } of phrases) if (re.test(s.toLowerCase())) keys.add(k);
    for (const w of keys) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const min = Math.max(COMMON_MIN_SENTENCES, sentences.length * COMMON_SHARE);
  return new Set([...counts].filter(([, n]) => n >= min).map(([w]) => w));
}

function wordScore(words: RegExpMatchArray[], i: number, terms: TermIndex, repeated: (w: string) => boolean, before: string): number {
  const word = words[i]![0];
  const key = singular(word);
  if (isStopword(word) || word.length < 2 || repeated(key)) return 0;
  const common = terms.common.has(key);
  if (terms.known.has(key) || terms.known.has(word.toLowerCase())) return common ? 2 : 4;
  if (/^\p{Lu}{2,}\p{N}*$/u.test(word)) return common ? 2.5 : 3; // acronym: DNA, ATP
  // A name mid-sentence is trivia ("on ____'s left" -> "Safire"): never blanked. What the text says about a
  // person is asked by definition cards ("Who is Brewster Kahle?").
  if (i > 0 && NAME_WORD.test(word)) return 0;
  // A year means something as the time of an event ("in 1998"), not as a label ("the 1790 act").
  if (YEAR.test(word)) return /\b(in|since|until|by|from|en|desde|hasta|dans|depuis|seit|im|em|nel|dal)\s+$/iu.test(before) ? 2.5 : 0;
  // A quantity means something with its unit ("2 ATP molecules", "25 nm"), not alone ("chapter 3").
  const next = words[i + 1]?.[0];
  if (
    NUMBER.test(word) &&
    next &&
    /^\p{L}+$/u.test(next) &&
    !isStopword(next) &&
    !/^(chapter|section|page|figure|table|cap[ií]tulo|p[aá]gina)$/iu.test(words[i - 1]?.[0] ?? '')
  )
    return 2;
  if (word.length >= 7 && /^\p{L}+$/u.test(word)) return common ? 0.5 : 1 + word.length / 100;
  return 0;
}

/** Adjectives that qualify anything: "a certain property", "several critical functions". */
const VAGUE_QUALIFIER = new Set(
  (
    'certain particular several various different similar important general entire simple single possible available necessary special previous ' +
    'former latter little greater better common following typical usual actual current diferente similar importante general posible especial ' +
    'distinto varios varias ciertos ciertas'
  ).split(' '),
);

/** A specific lower-case word shaped like an adjective: not a verb form ("defined", "procede") nor a plural noun. */
const isQualifier = (word: string, language: OfflineLanguage, terms: TermIndex, repeated: (key: string) => boolean): boolean =>
  word.length >= 6 &&
  /^\p{Ll}+$/u.test(word) &&
  !isStopword(word) &&
  !VAGUE_QUALIFIER.has(word) &&
  !terms.common.has(singular(word)) &&
  !repeated(singular(word)) &&
  (language === 'en'
    ? !/(ed|ing|ly|(?<!ou)s)$/u.test(word)
    : /(o|a|os|as|al|ales|ar|ares|ente|entes|ante|antes|ble|bles|il|iles)$/u.test(word) && !/(ando|iendo|mente)$/u.test(word));

/** Defined terms of several words, whole: "The fluid mosaic model describes the ____ as..." -> "cell membrane". */
function knownPhrase(text: string, terms: TermIndex): Span | null {
  const lower = text.toLowerCase();
  let best: Span | null = null;
  for (const key of terms.known) {
    if (!key.includes(' ') || terms.common.has(key) || (best && key.length <= best.end - best.start)) continue;
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(key)}s?(?![\\p{L}\\p{N}])`, 'u').exec(lower);
    if (m && lower.indexOf(m[0], m.index + 1) === -1) best = { start: m.index, end: m.index + m[0].length, score: 4 };
  }
  return best;
}

export function makeCloze(sentence: string, language: OfflineLanguage, terms: TermIndex): Cloze | null {
  const text = displayText(sentence);
  if (text.endsWith(':') || text.length < 40 || text.length > 260) return null;
  // "It is surrounded by..." means nothing on a card, away from the sentence that said what "it" is.
  if (STARTS_WITH_PRONOUN.test(text) || (language === 'es' && STARTS_WITH_VERB_ES.test(text))) return null;
  const words = [...text.matchAll(WORD)];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(singular(w[0]), (counts.get(singular(w[0])) ?? 0) + 1);
  let best: Span | null = knownPhrase(text, terms);
  const repeated = (key: string) => counts.get(key)! > 1;
  words.forEach((w, i) => {
    let score = wordScore(words, i, terms, repeated, text.slice(0, w.index));
    // Qualifying an everyday word of the chunk, the specific one is the point: "most ____ cells" -> "eukaryotic",
    // "las células ____" -> "procariotas" (English puts the qualifier before the noun, Spanish after).
    const n = words[language === 'es' ? i - 1 : i + 1];
    const [left, right] = language === 'es' ? [n, w] : [w, n];
    const noun = n && /^\s+$/u.test(text.slice(left!.index! + left![0].length, right!.index)) ? n[0] : null;
    if (
      score < 2.5 &&
      noun &&
      /^\p{Ll}/u.test(noun) &&
      isQualifier(w[0], language, terms, repeated) &&
      !isStopword(noun) &&
      terms.common.has(singular(noun))
    )
      score = 2.5;
    if (score > (best?.score ?? 0)) best = { start: w.index!, end: w.index! + w[0].length, score };
  });
  if (!best || (best as Span).score < MIN_CLOZE_SCORE) return null;
  const span: Span = best;
  // A name runs on over the capitalised words that follow ("Raymond Lindeman"), up to a possessive.
  if (span.score === 3 && NAME_WORD.test(text.slice(span.start, span.end))) {
    let i = words.findIndex((w) => w.index === span.start);
    while (
      !/['\u2019]s$/u.test(words[i]![0]) &&
      words[i + 1] &&
      NAME_WORD.test(words[i + 1]![0]) &&
      /^\s+$/u.test(text.slice(span.end, words[i + 1]!.index))
    ) {
      i++;
      span.end = words[i]!.index! + words[i]![0].length;
    }
  }
  const answer = text.slice(span.start, span.end).replace(/['\u2019]s$/u, '');
  const to = span.start + answer.length;
  // The caller puts the language's "Complete:" in front (templates.ts).
  return { question: `${text.slice(0, span.start)}${BLANK}${text.slice(to)}`, answer, score: span.score };
}
