/**
 * Questions about lists, in English and Spanish. What a list is about decides the wording: "Functions of
 * Rough ER:" lists attributes of something ("What are the functions of rough ER?"), "Prokaryotic Cells:" is a
 * thing described by its items ("What characterizes prokaryotic cells?"), and "The process occurs in three
 * main stages:" is a sentence the list completes. Spanish avoids templates that need a noun's gender.
 */
import { isNearDuplicate, questionTokens } from '../../../core/index.js';
import { capitalized } from './casing.js';
import type { OfflineLanguage } from './text-language.js';

export type LeadKind = 'attribute' | 'entity' | 'sentence';

const fold = (word: string) => word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const stems = (words: string) => new Set(words.split(' ').map(fold));
/** What lists say about something: "Advantages", "Key Properties", "Funciones", "Tipos". Singular forms. */
const ATTRIBUTES = stems(
  'advantage disadvantage benefit drawback limitation type kind category class function role feature property characteristic application use case example ' +
    'component part step stage phase operation method technique cause effect consequence symptom principle rule factor guideline concept term terminology ' +
    'structure composition representation complexity algorithm point fact requirement difference similarity level form product responsibility ' +
    'ventaja desventaja beneficio inconveniente limitacion tipo clase categoria funcion papel caracteristica propiedad aplicacion uso ejemplo componente ' +
    'parte paso etapa fase operacion metodo tecnica causa efecto consecuencia sintoma principio regla factor concepto termino terminologia estructura ' +
    'composicion representacion complejidad algoritmo punto requisito diferencia nivel forma producto',
);
/** Attributes that do something: their items are asked about with "what does X do?". */
const ACTIONS = stems('function operation role method use funcion operacion papel metodo uso');
/** Leads that only label prose the definition patterns already read ("Definition:", "Note:"). */
export const GENERIC_LEAD = /^(definitions?|note|notes|tip|warning|important|summary|definici[oó]n|nota|notas|aviso|importante|resumen)$/iu;
const SENTENCE_START = /^(it|there|the|a|an|this|these|those|here|el|la|los|las|un|una|hay|existen|seg[uú]n|esto|estos|estas)\s/iu;
const SENTENCE_WORD =
  /(^|\s)(these|those|this|following|they|it|is|are|estos|estas|siguientes|son|es)(\s|$)|\s(of|that|by|as|include|includes|de|que|por|como|incluyen)$|\p{L}['\u2019](s|re|ll)(\s|$)/iu;

const singular = (word: string) => [word, word.replace(/s$/u, ''), word.replace(/es$/u, ''), word.replace(/ies$/u, 'y')];
export const isAttribute = (word: string): boolean => singular(fold(word)).some((w) => ATTRIBUTES.has(w));
/** The words a lead names its attribute with: those before "of"/"de" ("Three Types of Cytoskeletal Filaments"). */
const headWords = (lead: string) => lead.split(/\s+(?:of|de|del)\s+/iu)[0]!.split(/[\s/-]+/u);

export function leadKind(lead: string): LeadKind {
  const words = lead.trim().split(/\s+/u);
  if (words.length > 6 || SENTENCE_WORD.test(lead) || (words.length >= 3 && SENTENCE_START.test(lead))) return 'sentence';
  return headWords(lead).some(isAttribute) ? 'attribute' : 'entity';
}

export const isAction = (lead: string): boolean => headWords(lead).some((w) => singular(fold(w)).some((s) => ACTIONS.has(s)));

/** "Functions", "Kinesins" are plural; "Access", "Nucleus", "Analysis" are not. */
const plural = (phrase: string): boolean => /(?<![siu])s$/u.test(headWords(phrase).at(-1)!);
const stemsOf = (text: string) => (fold(text).match(/\p{L}{4,}/gu) ?? []).map((w) => w.slice(0, 5));
const shareWord = (a: string, b: string) => {
  const keys = new Set(stemsOf(b));
  return stemsOf(a).some((k) => keys.has(k));
};

/**
 * "Types" in "Linked Lists" -> "Types of Linked Lists"; "Functions of Rough ER" and "Graph Algorithms" in
 * "Graphs" stay as they are. `article` gives the topic its article as the text uses it ("the Golgi apparatus").
 */
export function attributePhrase(lead: string, topic: string | null, language: OfflineLanguage, article = (t: string) => t): string {
  if (!topic || /\s(of|de|del)\s/iu.test(lead) || shareWord(lead, topic)) return lead;
  return `${lead} ${language === 'es' ? 'de' : 'of'} ${article(topic)}`.replace(/\sde el\s/u, ' del ');
}

/**
 * "What are the functions of rough ER?" / "Funciones de las mitocondrias: ¿cuáles son?", then other wordings
 * for when a sibling list ("the types of linked lists", "the advantages of linked lists") makes it a near-duplicate.
 */
export function attributeQuestions(phrase: string, language: OfflineLanguage): string[] {
  const many = plural(phrase);
  if (language === 'es')
    return [`${capitalized(phrase)}: ¿${many ? 'cuáles son' : 'cuál es'}?`, `Enumera: ${phrase}.`, `Resume: ${phrase}.`];
  return [
    `What ${many ? 'are' : 'is'} the ${phrase}?`,
    `${many ? 'List' : 'Describe'} the ${phrase}.`,
    `${many ? 'Name' : 'Outline'} the ${phrase}.`,
  ];
}

export const entityQuestion = (entity: string, language: OfflineLanguage): string =>
  language === 'es' ? `${capitalized(entity)}: ¿cuáles son sus características?` : `What characterizes ${entity}?`;

/** "It is composed of:" or "The process occurs in three stages:" needs the topic to mean anything on a card. */
export function completeListQuestion(lead: string, topic: string | null, language: OfflineLanguage): string {
  const about = topic && !shareWord(lead, topic) ? ` (${topic})` : '';
  return `${language === 'es' ? 'Completa la lista' : 'Complete the list'}${about}: ${lead.replace(/:?\s*$/u, ':')} \u2026`;
}

export const tableQuestion = (topic: string, entity: string, language: OfflineLanguage): string =>
  language === 'es' ? `${capitalized(topic)}: ¿qué se indica para ${entity}?` : `${capitalized(topic)}: what is listed for ${entity}?`;

/** Named by its heading, never "the section": a card is reviewed away from the document (rule refers_to_document). */
export const sectionListQuestion = (heading: string, language: OfflineLanguage): string =>
  language === 'es' ? `«${heading}»: ¿cuáles son los puntos clave?` : `"${heading}": what are the key points?`;

/** An item asked about in its list's context: "Functions of the Golgi apparatus: what does "Modification" do?". */
export function itemQuestion(context: string, label: string, action: boolean, language: OfflineLanguage): string {
  const ctx = capitalized(context);
  if (language === 'es') return `${ctx}: ¿qué ${action ? 'hace' : 'es'} «${label}»?`;
  return action ? `${ctx}: what does "${label}" do?` : `${ctx}: what ${plural(label) ? 'are' : 'is'} "${label}"?`;
}

/** A property of a thing: "Microfilaments: what is the diameter?", "What are examples of prokaryotic cells?". */
export function propertyQuestion(entity: string, property: string, language: OfflineLanguage): string {
  const examples = /^(examples?|ejemplos?)$/iu.test(property);
  if (language === 'es')
    return examples
      ? `¿Qué ejemplos hay de ${entity}?`
      : `${capitalized(entity)} — ${property}: ¿${plural(property) ? 'cuáles son' : 'cuál es'}?`;
  return examples
    ? `What are examples of ${entity}?`
    : `${capitalized(entity)}: what ${plural(property) ? 'are' : 'is'} the ${property.toLowerCase()}?`;
}

/**
 * The deck's near-duplicate check compares word sets: "Functions of smooth ER: what does "Lipid synthesis" do?"
 * and the same with "Detoxification" differ in one word out of nine and count as one question. A list's item
 * questions must stay pairwise apart under that same check.
 */
const apart = (questions: string[], others: string[]): boolean =>
  questions.every((q, i) => [...questions.slice(i + 1), ...others].every((other) => !isNearDuplicate(q, other)));

/** A bare cue, the fewest shared words: "Golgi apparatus — Modification?" / "Mitocondrias — Apoptosis: ¿qué es?". */
export const cueQuestion = (context: string, label: string, language: OfflineLanguage): string =>
  language === 'es' ? `${capitalized(context)} — ${label}: ¿qué es?` : `${capitalized(context)} — ${label}?`;

/**
 * One wording for a list's items that keeps every pair of them, and `others` (the list's own question),
 * distinct, over contexts from most to least specific: questions first ("Golgi apparatus: what does "Sorting"
 * do?"), then cues ("Functions of smooth ER — Lipid synthesis?"). Siblings share it: a list reads the same all through.
 */
export function listWording(
  contexts: string[],
  labels: string[],
  language: OfflineLanguage,
  ask: (context: string, label: string) => string,
  others: string[] = [],
): (label: string) => string {
  const forms = [...contexts.map((c) => (l: string) => ask(c, l)), ...contexts.map((c) => (l: string) => cueQuestion(c, l, language))];
  const fits = forms.find((form) => apart(labels.map(form), others));
  if (fits) return fits;
  const shortest = contexts.reduce((a, b) => (questionTokens(b).size < questionTokens(a).size ? b : a));
  return (l) => cueQuestion(shortest, l, language);
}
