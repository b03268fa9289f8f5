/**
 * Definition sentences ("X is a Y that...", "X: Y", "X es un Y", "X se define como Y") turned into
 * "What is X?" cards. Patterns are deliberately strict: a missed definition costs a card, a wrong one costs trust.
 */
import { capitalize, displayText, lowerFirst } from './sentences.js';
import { isStopword, type OfflineLanguage } from './text-language.js';

export interface Definition {
  term: string;
  plural: boolean;
  definition: string;
  /** "X: Y" says what X means without saying what X is (Y may be a verb phrase): it gets its own question. */
  colon: boolean;
  /** "Brewster Kahle is the founder of..." is about someone: "Who is...?". */
  person: boolean;
}

const MAX_TERM_WORDS = 5;
const MIN_DEFINITION_WORDS = 4;
/** Terms starting with these are statements about something already named, or sentence fragments. */
const NOT_A_TERM = new Set(
  ('it this that these those there they he she we you i which what who here one such each all some many most both another its their our his her my your ' +
    'but and or nor so yet because if when while although though as since then thus however therefore also even just only now still no not for to of ' +
    'esto este esta estos estas eso ese esa ello él ella ellos ellas lo que cual aquí hay también pero sin embargo cada todo todos muchos algunos otro otra su sus mi tu ' +
    'on in at by with from into about after before during ' +
    'y o aunque cuando si porque como entonces así ya ni para en con por de desde').split(' '),
);
/** A subordinate clause inside the subject ("especially if the term...") means it is a fragment, not a term. */
const CLAUSE_WORD = /(^|\s)(if|when|while|because|although|though|unless|whether|especially|just|si|cuando|aunque|porque|especialmente)(\s|$)/iu;
/** A pronoun or a verb inside the subject ("the plan they made", "Mansfield's answer was yes") means it is not a term. */
const NOT_A_NAME = /(^|\s)(i|you|he|she|it|we|they|me|him|us|them|yo|tú|usted|nosotros|ustedes|is|are|was|were|be|been|has|have|had|will|would|can|could|should|do|does|did|es|son|fue|era|ha|han|está)(\s|$)|\p{L}['\u2019]s(\s|$)/iu;
const NOT_A_DEFINITION_TERM = /^(example|note|nota|ejemplo|figure|figura|table|tabla|chapter|cap[ií]tulo|section|secci[oó]n|page|p[aá]gina|source|fuente|step|paso|answer|respuesta|question|pregunta|warning|tip)s?$/iu;
const PERSON_NAME = /^(\p{Lu}\p{Ll}+\s)+\p{Lu}\p{Ll}+$/u;
const DESCRIBES_SOMEONE = /^(the|a|an|one of|el|la|un|una|uno de|una de)\s/iu;

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
  if (words.length > MAX_TERM_WORDS || NOT_A_TERM.has(words[0]!.toLowerCase()) || isStopword(words.at(-1)!)) return null;
  if (NOT_A_NAME.test(term) || CLAUSE_WORD.test(term) || NOT_A_DEFINITION_TERM.test(term) || !/\p{L}{2}/u.test(term)) return null;
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

function definition(term: string, def: string, kind: { plural?: boolean; colon?: boolean } = {}): Definition | null {
  const words = def.trim().split(/\s+/u);
  if (words.length < MIN_DEFINITION_WORDS || NOT_A_TERM.has(words[0]!.toLowerCase())) return null;
  const person = PERSON_NAME.test(term) && DESCRIBES_SOMEONE.test(def) && !kind.colon;
  return { term, plural: kind.plural ?? false, colon: kind.colon ?? false, person, definition: cleanDefinition(def) };
}

export function findDefinition(sentence: string, language: OfflineLanguage): Definition | null {
  const text = displayText(sentence);
  const colon = COLON.exec(text);
  const colonTerm = colon?.groups && isProse(colon.groups.def!) ? acceptTerm(colon.groups.term!) : null;
  if (colonTerm) return definition(colonTerm, colon!.groups!.def!, { colon: true });
  if (language === 'es') {
    const naming = NAMING_ES.exec(text);
    const term = naming?.groups && acceptTerm(naming.groups.term!);
    if (term) return definition(term, naming!.groups!.def!);
  }
  const copula = COPULA[language].exec(text);
  if (!copula?.groups) return null;
  const { verb, def } = copula.groups as { verb: string; def: string };
  const explicit = !/^(is|are|es|son)$/i.test(verb);
  if (!explicit && !DEFINITION_SHAPE[language].test(def)) return null;
  const term = acceptTerm(copula.groups.term!);
  return term ? definition(term, def, { plural: /^(are|son|se definen como)$/i.test(verb) }) : null;
}

export function definitionQuestion(d: Definition, language: OfflineLanguage): string {
  if (d.colon) return language === 'es' ? `¿Qué significa «${d.term}»?` : `What is meant by "${d.term}"?`;
  if (language === 'es') return d.person ? `¿Quién es ${d.term}?` : d.plural ? `¿Qué son ${d.term}?` : `¿Qué es ${d.term}?`;
  return d.person ? `Who is ${d.term}?` : d.plural ? `What are ${d.term}?` : `What is ${d.term}?`;
}
