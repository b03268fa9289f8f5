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
  /** "X consists of Y" says what X is made of: "What does X consist of?". */
  consists: boolean;
  /** "X: Y" says what X means without saying what X is (Y may be a verb phrase): it gets its own question. */
  colon: boolean;
  /** "Brewster Kahle is the founder of..." is about someone: "Who is...?". */
  person: boolean;
}

const MAX_TERM_WORDS = 5;
/** A label before a colon is shorter than a subject: "Make file sharing like gossip:" is an instruction. */
const MAX_LABEL_WORDS = 4;
const MIN_DEFINITION_WORDS = 4;
const MAX_DEFINITION_CHARS = 300;
/** Terms starting with these are statements about something already named, or sentence fragments. */
const NOT_A_TERM = new Set(
  (
    'it this that these those there they he she we you i which what who here one such each all some many most both another its their our his her my your ' +
    'but and or nor so yet because if when while although though as since then thus however therefore also even just only now still no not for to of ' +
    'esto este esta estos estas eso ese esa ello él ella ellos ellas lo que cual aquí hay también pero sin embargo cada todo todos muchos algunos otro otra su sus mi tu ' +
    'on in at by with from into about after before during latter former following above below same rest ' +
    'y o aunque cuando si porque como entonces así ya ni para en con por de desde'
  ).split(' '),
);
/** A subordinate clause inside the subject ("especially if the term...") means it is a fragment, not a term. */
const CLAUSE_WORD =
  /(^|\s)(if|when|while|because|although|though|unless|whether|especially|just|si|cuando|aunque|porque|especialmente)(\s|$)/iu;
/** A pronoun or a verb inside the subject ("the plan they made", "Mansfield's answer was yes") means it is not a term. */
const NOT_A_NAME =
  /(^|\s)(i|you|he|she|it|we|they|me|him|us|them|yo|tú|usted|nosotros|ustedes|is|are|was|were|be|been|has|have|had|will|would|can|could|should|do|does|did|es|son|fue|era|ha|han|está)(\s|$)|\p{L}['\u2019]s(\s|$)/iu;
const NOT_A_DEFINITION_TERM =
  /^(example|note|nota|ejemplo|figure|figura|table|tabla|page|p[aá]gina|source|fuente|step|paso|answer|respuesta|question|pregunta|warning|tip)s?$|^(chapter|cap[ií]tulo|section|secci[oó]n|part|parte|tema|unit|unidad)\b/iu;
/** "The source of this confusion", "the plan here": the term only means something next to the sentence before. */
const DEICTIC =
  /(^|\s)(this|these|those|that|such|here|there|latter|former|este|esta|estos|estas|ese|esa|esos|esas|dicho|dicha|aqu[ií])(\s|$)/iu;
/** "The point is...", "The enemy is...": a vague noun says what the author is arguing, not what a term means. */
const VAGUE_TERM =
  /^((the|a|an|my|our|el|la|lo)\s)?(point|thing|things|problem|question|reason|result|idea|fact|issue|truth|story|lesson|upshot|trick|irony|catch|claim|conclusion|answer|aim|goal|hope|fear|worry|consequence|enemy|plug|mistake|error|bottom line|key|punto|cosa|problema|pregunta|raz[oó]n|resultado|idea|hecho|cuesti[oó]n|verdad|objetivo)$/iu;
/** A colon followed by a clause ("translation: The aim is to...") is a sentence, not a definition of the label. */
const CLAUSE_START =
  /^(\S+\s){0,3}(is|are|was|were|can|cannot|could|will|would|should|must|may|might|has|have|had|does|do|did|es|son|fue|era|puede|tiene)\s/iu;
/** "The last element added": a clause cut short, not the name of a thing. */
const PARTICIPLE_TAIL = /\s\p{L}{3,}ed$/u;
const PERSON_NAME = /^(\p{Lu}\p{Ll}+\s)+\p{Lu}\p{Ll}+$/u;
const DESCRIBES_SOMEONE = /^(the|a|an|one of|el|la|un|una|uno de|una de)\s/iu;

/** A definition proper: starts like a noun phrase or contains a relative clause ("an organelle that ..."). */
const DEFINITION_START: Record<OfflineLanguage, RegExp> = {
  en: /^(a|an|the|one of|any|defined as)\s/iu,
  es: /^(un|una|el|la|los|las|lo|aquel|aquella|aquello|uno de|una de)\s/iu,
};
/** "organelles that contain", "organelles found in": the noun phrase a relative clause or participle qualifies. */
const QUALIFIER: Record<OfflineLanguage, RegExp> = {
  en: /\s(that|which|who|whose|where|in which|by which|used to|found|located|made|composed|formed|produced|known|called)\s/iu,
  es: /\s(que|cual|cuales|donde|cuyo|cuya|mediante el cual|por el que|por la que|formad[oa]s?|compuest[oa]s?|llamad[oa]s?)\s/iu,
};
/** Within this many words: "Open to snoops ... those who violate" is not a noun phrase with a relative clause. */
const QUALIFIER_WITHIN_WORDS = 5;
/**
 * "Always building...", "Ordinarily heard...", "Being shifted...", "The same, even if...", "A completely legal
 * activity" (a verdict on dancing jazz, not what it is): not what something is.
 */
const NOT_A_DEFINITION =
  /^(a|an)\s\p{L}+ly\s|^(the|el|la)\s(most|least|first|second|third|last|next|other|only|m[aá]s|menos|primer[oa]?|[uú]ltim[oa]|otr[oa])\s|^["'\u201C\u00AB]*(\p{L}+ly|\p{L}+ing|always|often|never|not|also|so|very|too|more|less|much|now|then|still|just|only|even|open|able|unable|likely|free|here|there)[\s,;:.]|^(\S+\s){0,2}(same|different|ones|mismo|misma|distint[oa]s?)([\s,.]|$)/iu;

const COPULA: Record<OfflineLanguage, RegExp> = {
  en: /^(?<term>[\p{L}\p{N}][\p{L}\p{N}'\u2019\-() ]{0,90}?)\s+(?<verb>is defined as|is called|refers to|consists of|consist of|is|are|means)\s+(?<def>.{10,})$/su,
  es: /^(?<term>[\p{L}\p{N}][\p{L}\p{N}'\u2019\-() ]{0,90}?)\s+(?<verb>se define como|se definen como|se denomina|se conoce como|se refiere a|consiste en|es|son)\s+(?<def>.{10,})$/su,
};
/** "Se denomina fotosíntesis al proceso ..." */
const NAMING_ES =
  /^se (denomina|llama|conoce como)\s+(?<term>[\p{L}\p{N}][\p{L}\p{N}'\- ]{1,60}?)\s+(a|al|a la|a los|a las)\s+(?<def>.{10,})$/isu;
const COLON = /^(?<term>[\p{L}][\p{L}\p{N}'\u2019\-() ]{1,60}):\s+(?<def>[\p{L}"'\u201C(].{14,})$/su;

function acceptTerm(raw: string): string | null {
  // "A hash table (or hash map)" -> "A hash table": the aside is not part of the name.
  const term = raw
    .replace(/\s*\([^)]*\)/gu, '')
    .trim()
    .replace(/\s+/g, ' ');
  const words = term.split(' ');
  if (words.length > MAX_TERM_WORDS || NOT_A_TERM.has(words[0]!.toLowerCase()) || isStopword(words.at(-1)!)) return null;
  if (NOT_A_NAME.test(term) || CLAUSE_WORD.test(term) || NOT_A_DEFINITION_TERM.test(term) || !/\p{L}{2}/u.test(term)) return null;
  if (DEICTIC.test(term) || PARTICIPLE_TAIL.test(term) || VAGUE_TERM.test(term)) return null;
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
const isProse = (def: string): boolean =>
  !/\?["'\u201D)]*$/u.test(def.trim()) &&
  (def.match(/(^|\s)\p{Ll}/gu) ?? []).length >= 3 &&
  !/^["'\u201C\u00AB]/u.test(def) &&
  !CLAUSE_START.test(def);

function definition(term: string, def: string, kind: { plural?: boolean; colon?: boolean; consists?: boolean } = {}): Definition | null {
  const words = def.trim().split(/\s+/u);
  if (words.length < MIN_DEFINITION_WORDS || NOT_A_TERM.has(words[0]!.toLowerCase()) || NOT_A_DEFINITION.test(def)) return null;
  const text = cleanDefinition(def);
  // "The pattern with Murdoch is the pattern of modern media": the definition restates its own term.
  const head = term
    .split(/\s+/u)
    .find((w) => !isStopword(w) && w.length > 2)
    ?.toLowerCase();
  if (head && words.slice(0, 3).some((w) => w.toLowerCase() === head)) return null;
  // An answer is read at a glance: a longer "definition" is a paragraph, not a card.
  if (text.length > MAX_DEFINITION_CHARS) return null;
  const person = PERSON_NAME.test(term) && DESCRIBES_SOMEONE.test(def) && !kind.colon;
  return { term, plural: kind.plural ?? false, colon: kind.colon ?? false, consists: kind.consists ?? false, person, definition: text };
}

function hasDefinitionShape(def: string, language: OfflineLanguage): boolean {
  if (DEFINITION_START[language].test(def)) return true;
  const qualifier = QUALIFIER[language].exec(def);
  return qualifier !== null && def.slice(0, qualifier.index).split(/\s+/u).length <= QUALIFIER_WITHIN_WORDS;
}

export function findDefinition(sentence: string, language: OfflineLanguage): Definition | null {
  const text = displayText(sentence);
  const colon = COLON.exec(text);
  // A label is capitalised ("Trophic level: ..."); "make file sharing like gossip: ..." is the end of a sentence.
  const colonTerm =
    colon?.groups && /^\p{Lu}/u.test(colon.groups.term!) && isProse(colon.groups.def!) ? acceptTerm(colon.groups.term!) : null;
  if (colonTerm && colonTerm.split(' ').length <= MAX_LABEL_WORDS) return definition(colonTerm, colon!.groups!.def!, { colon: true });
  if (language === 'es') {
    const naming = NAMING_ES.exec(text);
    const term = naming?.groups && acceptTerm(naming.groups.term!);
    if (term) return definition(term, naming!.groups!.def!);
  }
  const copula = COPULA[language].exec(text);
  if (!copula?.groups) return null;
  const { verb, def } = copula.groups as { verb: string; def: string };
  const explicit = !/^(is|are|es|son)$/i.test(verb);
  if (!explicit && !hasDefinitionShape(def, language)) return null;
  const term = acceptTerm(copula.groups.term!);
  const consists = /^(consists? of|consiste en)$/i.test(verb);
  return term ? definition(term, def, { plural: /^(are|son|se definen como|consist of)$/i.test(verb), consists }) : null;
}

export function definitionQuestion(d: Definition, language: OfflineLanguage): string {
  if (d.colon) return language === 'es' ? `¿Qué significa «${d.term}»?` : `What is meant by "${d.term}"?`;
  if (d.consists) return language === 'es' ? `¿En qué consiste ${d.term}?` : `What ${d.plural ? 'do' : 'does'} ${d.term} consist of?`;
  if (language === 'es') return d.person ? `¿Quién es ${d.term}?` : d.plural ? `¿Qué son ${d.term}?` : `¿Qué es ${d.term}?`;
  return d.person ? `Who is ${d.term}?` : d.plural ? `What are ${d.term}?` : `What is ${d.term}?`;
}
