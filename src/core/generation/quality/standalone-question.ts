/**
 * The question stands on its own: a card is reviewed for years, away from the document it came from.
 * - `refers_to_document` (hard): the card points at the document instead of saying what it means: "the text",
 *   "this section", "according to the passage", "el texto", "esta sección", "según el texto", and the same in
 *   French, German, Portuguese and Italian. "What does the section "Nuclear Structure" explain?" is vague.
 * - `dangling_pronoun` (soft): the question's subject is a pronoun whose noun was in a sentence left behind:
 *   "What does it produce?", "Complete: They ____ the cell", "¿Qué producen ellos?". Flagged, not dropped: a
 *   reader may still make it out from the answer.
 */
import type { RuleLanguage } from './card-words.js';

const DOCUMENT_REFERENCE: Record<RuleLanguage, RegExp> = {
  en: /\b(?:(?:the|this|that|above|following)\s+(?:text(?!\s+of\b)|passage|document|excerpt|section|chapter|paragraph|reading|article|lesson|notes|lecture|figure|table|diagram)|according\s+to\s+(?:the|this)\s+(?:text|passage|document|author|article|reading|excerpt|lesson|notes|lecture|section|chapter)|(?:mentioned|described|discussed|stated)\s+(?:above|earlier|previously|in\s+the\s+text)|the\s+author\s+of\s+(?:the|this)\s+(?:text|passage))\b/iu,
  es: /(?<![\p{L}])(?:(?:el|este|ese|del|al)\s+(?:texto|pasaje|documento|fragmento|cap[ií]tulo|p[aá]rrafo|apartado|art[ií]culo)|(?:la|esta|esa|de\s+la)\s+(?:secci[oó]n|lectura|lecci[oó]n|figura|tabla)|seg[uú]n\s+(?:el|la|este|esta)\s+(?:texto|lectura|autor|autora|documento|pasaje|fragmento|art[ií]culo|lecci[oó]n|secci[oó]n|cap[ií]tulo)|(?:mencionad|descrit|citad)[oa]s?\s+(?:anteriormente|arriba|en\s+el\s+texto)|lo\s+anterior)(?![\p{L}])/iu,
  fr: /(?<![\p{L}])(?:(?:le|ce|du)\s+(?:texte|passage|document|chapitre|paragraphe)|(?:la|cette)\s+(?:section|lecture|le[cç]on|figure)|(?:selon|d'apr[eè]s)\s+(?:le|la|ce|cette|l')\s*(?:texte|passage|document|auteur|article|extrait|le[cç]on|section|chapitre)|ci-dessus)(?![\p{L}])/iu,
  de: /(?<![\p{L}])(?:(?:der|dem|den|dieser|diesem|im)\s+(?:Text|Abschnitt|Absatz)|(?:das|dieses|im)\s+(?:Dokument|Kapitel)|laut\s+(?:dem\s+)?Text|oben\s+(?:genannt|erw[aä]hnt)\p{L}*)(?![\p{L}])/iu,
  pt: /(?<![\p{L}])(?:(?:o|este|esse|do|no)\s+(?:texto|trecho|documento|cap[ií]tulo|par[aá]grafo)|(?:a|esta|essa|na|da)\s+(?:se[cç][aã]o|sec[cç][aã]o|leitura|li[cç][aã]o)|segundo\s+o\s+texto|de\s+acordo\s+com\s+o\s+(?:texto|autor|documento|trecho|artigo))(?![\p{L}])/iu,
  it: /(?<![\p{L}])(?:(?:il|questo|del|nel)\s+(?:testo|brano|documento|capitolo|paragrafo)|(?:la|questa|nella|della)\s+(?:sezione|lettura|lezione)|secondo\s+(?:il|l')\s*(?:testo|brano|documento|autore|articolo))(?![\p{L}])/iu,
};

export function refersToDocument(text: string, languages: readonly RuleLanguage[]): boolean {
  return languages.some((l) => DOCUMENT_REFERENCE[l].test(text));
}

/** Pronoun subjects, per language. German "es" and Spanish "es" ("is") differ: lists are per language. */
const PRONOUNS: Record<RuleLanguage, string> = {
  // "Why is it that the law changed?" is a cleft, not a pronoun standing for something.
  en: 'it(?!\\s+that\\b)|its|they|their|them|he|she|his|her|this|these|those',
  es: 'él|ella|ellos|ellas|esto|eso|ello|su|sus',
  fr: 'il|elle|ils|elles|cela|ceci|ça|leur|leurs',
  de: 'er|sie|es|dies|sein|seine|ihr|ihre',
  pt: 'ele|ela|eles|elas|isto|isso|seu|sua|seus|suas',
  it: 'esso|essa|essi|esse|ciò|lui|lei|loro',
};

/** Question words and auxiliaries a pronoun subject may follow: "What does it...", "Why did they...". */
const LEAD: Record<RuleLanguage, string> = {
  en: '(?:(?:what|why|how|when|where|which|who)\\s+(?:\\w+\\s+)?(?:do|does|did|is|are|was|were|can|could|will|would|has|have|had|should|must)\\s+)',
  es: '(?:(?:qué|que|por qué|cómo|cuándo|dónde|cuál|cuáles|quién)\\s+(?:\\p{L}+\\s+)?)',
  fr: '(?:(?:que|pourquoi|comment|quand|où|quel|quelle)\\s+(?:\\p{L}+\\s+)?)',
  de: '(?:(?:was|warum|wie|wann|wo|welche[rs]?)\\s+(?:\\p{L}+\\s+)?)',
  pt: '(?:(?:o que|por que|porque|como|quando|onde|qual)\\s+(?:\\p{L}+\\s+)?)',
  it: '(?:(?:che cosa|cosa|perché|come|quando|dove|quale)\\s+(?:\\p{L}+\\s+)?)',
};

const DANGLING = Object.fromEntries(
  (Object.keys(PRONOUNS) as RuleLanguage[]).map((l) => [
    l,
    new RegExp(`^[¿¡"'\\u201C\\u00AB\\s]*(?:\\p{L}+:\\s*)?${LEAD[l]}?(?:${PRONOUNS[l]})(?![\\p{L}\\p{N}])`, 'iu'),
  ]),
) as Record<RuleLanguage, RegExp>;

export function danglingPronoun(question: string, languages: readonly RuleLanguage[]): boolean {
  return languages.some((l) => DANGLING[l].test(question));
}
