/**
 * A card per headed section, answered by the section's opening prose (never by the heading itself). A heading
 * that names a concept the opening talks about ("Cellular Respiration") asks what it is; a descriptive one
 * ("Types of Cells") asks what the section explains. No card when the opening is not about the heading (a
 * story that starts a book chapter), when the body starts with a list (list cards cover it), or when the
 * opening only repeats a definition card.
 */
import type { Casing } from './casing.js';
import type { Sentence } from './sentences.js';
import { displayText, quoteOf } from './sentences.js';
import { isStopword, type OfflineLanguage } from './text-language.js';

const GENERIC_HEADING =
  /\b(introduction|overview|summary|conclusions?|background|discussion|review|exercises|preface|key concepts|introducci[oó]n|resumen|conclusi[oó]n(es)?|repaso|ejercicios|pr[oó]logo|generalidades|conceptos clave)\b/iu;
/** Connectives and punctuation that make a heading a description rather than the name of a concept. */
const DESCRIPTIVE = /\s(of|and|in|for|to|on|with|de|del|y|en|para|con|sobre)\s|[-\u2013\u2014:,?¿]/iu;
const MAX_CONCEPT_WORDS = 4;
export const MAX_OPENING_CHARS = 300;
/** Shorter than this, an opening ("There is piracy of copyrighted material.") explains no section. */
const MIN_OPENING_CHARS = 60;

export interface OpeningSentence extends Sentence {
  /** Prose a card may use (not junk, not a heading, not a fragment). */
  usable: boolean;
  /** Part of a list: list cards cover it. */
  inList: boolean;
}

export interface HeadingCard {
  question: string;
  answer: string;
  quote: string;
  /** The sentences the answer is made of: no cloze should ask for them again. */
  covered: string[];
}

const fold = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const keys = (text: string) => new Set((fold(text).match(/\p{L}{4,}/gu) ?? []).filter((w) => !isStopword(w)).map((w) => w.slice(0, 5)));
/** Shares a content word with the heading (by a 5-letter stem: "Nuclear Structure" ~ "The nucleus is..."). */
export const isAbout = (sentence: string, heading: string): boolean => {
  const wanted = keys(heading);
  return [...keys(sentence)].some((k) => wanted.has(k));
};

/** The section's first sentences, if they are prose: stops at a list, a lead-in ("two types:") or the length cap. */
function opening(sentences: OpeningSentence[]): OpeningSentence[] {
  const taken: OpeningSentence[] = [];
  let length = 0;
  for (const s of sentences) {
    const text = displayText(s.text);
    if (!s.usable || s.inList || text.endsWith(':') || length + text.length > MAX_OPENING_CHARS) break;
    taken.push(s);
    length += text.length + 1;
  }
  return taken;
}

/** "Cellular Respiration" as the opening writes it ("cellular respiration"), with its article ("the smooth ER"). */
function conceptAsWritten(heading: string, text: string, casing: Casing): string {
  const name = heading.replace(/\s*\([^)]*\)/gu, '').replace(/^(the|a|an|el|la|los|las|un|una)\s+/iu, '');
  const at = fold(text).indexOf(fold(name));
  const aside = /\([^)]*\)/u.exec(heading)?.[0];
  // Not found, or only as the first word of the section, where anything is capitalised: the text's usual casing.
  if (at <= 0) return casing.cased(heading);
  const article = /(?:^|\s)(the|el|la|los|las)\s+$/iu.exec(text.slice(Math.max(0, at - 5), at))?.[1]?.toLowerCase();
  return [article, text.slice(at, at + name.length), aside].filter(Boolean).join(' ');
}

/**
 * The opening says what the concept is: it starts with it ("The smooth endoplasmic reticulum lacks...") or
 * names it in apposition ("...carry out cellular respiration, a process that..."). "There is piracy of
 * copyrighted material" mentions piracy without saying what it is.
 */
function describes(first: string, name: string): boolean {
  const text = fold(first);
  const at = text.indexOf(name);
  if (at === -1) return false;
  return (
    /^((the|a|an|el|la|los|las|un|una)\s+)?$/u.test(text.slice(0, at)) ||
    /^s?\s*(,\s*(a|an|the|un|una|el|la)\s|\s+(is|are|es|son)\s)/u.test(text.slice(at + name.length))
  );
}

function question(heading: string, first: string, language: OfflineLanguage, casing: Casing): string | null {
  if (heading.endsWith('?')) return heading;
  const bare = heading.replace(/\s*\([^)]*\)/gu, '');
  const name = fold(bare).replace(/^(the|a|an|el|la|los|las|un|una)\s+/u, '');
  const concept = !DESCRIPTIVE.test(bare) && bare.split(/\s+/u).length <= MAX_CONCEPT_WORDS && describes(first, name);
  // "What does the section X explain?" is vague and points at the document (rule refers_to_document): no card.
  if (!concept) return null;
  const subject = conceptAsWritten(heading, first, casing);
  if (language === 'es') return /^(los|las)\s/iu.test(subject) ? `¿Qué son ${subject}?` : `¿Qué es ${subject}?`;
  return /[^siu]s$/u.test(bare) ? `What are ${subject}?` : `What is ${subject}?`;
}

/**
 * `headings`: the section's name, then its parents' (a generic "Structure and Function" is about its chapter).
 * `defined`: sentences already quoted by definition cards.
 */
export function headingCard(
  sentences: OpeningSentence[],
  headings: string[],
  defined: ReadonlySet<string>,
  language: OfflineLanguage,
  casing: Casing,
): HeadingCard | null {
  const heading = headings[0] ?? '';
  if (heading.length < 3 || !/\p{L}{3}/u.test(heading) || heading.length > 80 || GENERIC_HEADING.test(heading)) return null;
  const taken = opening(sentences);
  // The opening must open the section: prose found after a list is no summary of it.
  if (taken.length === 0 || sentences[0] !== taken[0]) return null;
  const first = displayText(taken[0]!.text);
  if (!headings.some((h) => isAbout(first, h))) return null;
  // Mostly definitions already on cards of their own: the card would teach little that is new.
  const fresh = taken.filter((s) => !defined.has(s.text));
  if (fresh.length === 0 || fresh.length * 2 < taken.length + (taken.length % 2)) return null;
  const answer = taken.map((s) => displayText(s.text)).join(' ');
  if (answer.length < MIN_OPENING_CHARS) return null;
  const asked = question(heading, first, language, casing);
  if (!asked) return null;
  return {
    question: asked,
    answer,
    quote: quoteOf(fresh[0]!.text),
    covered: taken.map((s) => s.text),
  };
}
