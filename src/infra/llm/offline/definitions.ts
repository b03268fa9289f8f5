/**
 * Definition sentences ("X is a Y that...", "X: Y", "X es un Y", "X se define como Y") turned into
 * "What is X?" cards. Patterns are deliberately strict: a missed definition costs a card, a wrong one costs trust.
 */
import { capitalize, displayText, lowerFirst } from './sentences.js';
import type { OfflineLanguage } from './text-language.js';

export interface Definition {
  term: string;
  plural: boolean;
  definition: string;
  /** "X: Y" says what X means without saying what X is (Y may be a verb phrase): it gets its own question. */
  colon: boolean;
}

const MAX_TERM_WORDS = 5;
/** Sentences starting with these are statements about something already named, not definitions. */
const NOT_A_TERM = new Set(
  ('it this that these those there they he she we you i which what who here one such each all some many most both another its their our his her ' +
    'esto este esta estos estas eso ese esa ello él ella ellos ellas lo que cual aquí hay también pero sin embargo cada todo todos muchos algunos otro otra su sus').split(' '),
);
const NOT_A_DEFINITION_TERM = /^(example|note|nota|ejemplo|figure|figura|table|tabla|chapter|cap[ií]tulo|section|secci[oó]n|page|p[aá]gina|source|fuente|step|paso|answer|respuesta|question|pregunta|warning|tip)s?$/iu;

/** A definition proper: starts like a noun phrase or contains a relative clause ("an organelle that ..."). */
const DEFINITION_SHAPE: Record<OfflineLanguage, RegExp> = {
  en: /^(a|an|the|one of|any|defined as)\s|\s(that|which|who|whose|where|in which|by which|used to)\s/iu,
  es: /^(un|una|el|la|los|las|lo|aquel|aquella|aquello|uno de|una de)\s|\s(que|cual|cuales|donde|cuyo|cuya|mediante el cual|por el que|por la que)\s/iu,
};

const COPULA: Record<OfflineLanguage, RegExp> = {
  en: /^(?<term>[\p{L}\p{N}][\p{L}\p{N}'\u2019\-() ]{0,60}?)\s+(?<verb>is defined as|is called|refers to|is|are|means)\s+(?<def>.{10,})$/su,
  es: /^(?<term>[\p{L}\p{N}][\p{L}\p{N}'\u2019\-() ]{0,60}?)\s+(?<verb>se define como|se definen como|se denomina|se conoce como|se refiere a|consiste en|es|son)\s+(?<def>.{10,})$/su,
};
/** "Se denomina fotosíntesis al proceso ..." */
const NAMING_ES = /^se (denomina|llama|conoce como)\s+(?<term>[\p{L}\p{N}][\p{L}\p{N}'\- ]{1,60}?)\s+(a|al|a la|a los|a las)\s+(?<def>.{10,})$/isu;
const COLON = /^(?<term>[\p{L}][\p{L}\p{N}'\u2019\-() ]{1,60}):\s+(?<def>[\p{L}"'\u201C(].{14,})$/su;

function acceptTerm(raw: string): string | null {
  // "A hash table (or hash map)" -> "A hash table": the aside is not part of the name.
  const term = raw.replace(/\s*\([^)]*\)/gu, '').trim().replace(/\s+/g, ' ');
  const words = term.split(' ');
  if (words.length > MAX_TERM_WORDS || NOT_A_TERM.has(words[0]!.toLowerCase())) return null;
  if (NOT_A_DEFINITION_TERM.test(term) || !/\p{L}{2}/u.test(term)) return null;
  // "A cell" -> "a cell", "Photosynthesis" -> "photosynthesis"; names and acronyms ("Golgi body", "DNA") keep capitals.
  return /^(A|An|The|El|La|Los|Las|Un|Una)\s/u.test(term) || !/\p{Lu}/u.test(term.slice(1)) ? lowerFirst(term) : term;
}

const cleanDefinition = (def: string): string => {
  const text = capitalize(displayText(def).replace(/[;:,]+$/u, ''));
  return /[.!?\u2026]["'\u201D\u2019\u00BB)]*$/u.test(text) ? text : `${text}.`;
};

/**
 * "Course: Introduction to Computer Science" (metadata, a title) and "Access Pattern: Random or sequential?"
 * (a prompt) are not definitions: a definition is prose, with several lower-case words, and no question.
 */
const isProse = (def: string): boolean => !/\?["'\u201D)]*$/u.test(def.trim()) && (def.match(/(^|\s)\p{Ll}/gu) ?? []).length >= 3;

export function findDefinition(sentence: string, language: OfflineLanguage): Definition | null {
  const text = displayText(sentence);
  const colon = COLON.exec(text);
  if (colon?.groups && isProse(colon.groups.def!)) {
    const term = acceptTerm(colon.groups.term!);
    if (term) return { term, plural: false, colon: true, definition: cleanDefinition(colon.groups.def!) };
  }
  if (language === 'es') {
    const naming = NAMING_ES.exec(text);
    const term = naming?.groups && acceptTerm(naming.groups.term!);
    if (term) return { term, plural: false, colon: false, definition: cleanDefinition(naming!.groups!.def!) };
  }
  const copula = COPULA[language].exec(text);
  if (!copula?.groups) return null;
  const { verb, def } = copula.groups as { verb: string; def: string };
  const explicit = !/^(is|are|es|son)$/i.test(verb);
  if (!explicit && !DEFINITION_SHAPE[language].test(def)) return null;
  const term = acceptTerm(copula.groups.term!);
  if (!term) return null;
  return { term, plural: /^(are|son|se definen como)$/i.test(verb), colon: false, definition: cleanDefinition(def) };
}

export function definitionQuestion(d: Definition, language: OfflineLanguage): string {
  if (d.colon) return language === 'es' ? `¿Qué significa «${d.term}»?` : `What is meant by "${d.term}"?`;
  if (language === 'es') return d.plural ? `¿Qué son ${d.term}?` : `¿Qué es ${d.term}?`;
  return d.plural ? `What are ${d.term}?` : `What is ${d.term}?`;
}
