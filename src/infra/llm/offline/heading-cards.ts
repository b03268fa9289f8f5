/**
 * A card per headed section. A heading that names a concept ("Mitosis", "Cellular Respiration") asks what it
 * is; a descriptive one ("Types of Cells") asks what the section explains. Headings that name a part of the
 * text ("Summary", "Introduction") make no card: their opening sentences are rarely an answer to anything.
 */
import { lastSectionPart, stripHeadingNumber } from './sentences.js';
import type { OfflineLanguage } from './text-language.js';

const GENERIC_HEADING = /\b(introduction|overview|summary|conclusions?|background|discussion|review|exercises|preface|key concepts|introducci[oó]n|resumen|conclusi[oó]n(es)?|repaso|ejercicios|pr[oó]logo|generalidades|conceptos clave)\b/iu;
/** Connectives and punctuation that make a heading a description rather than the name of a concept. */
const DESCRIPTIVE = /\s(of|and|in|for|to|on|with|de|del|y|en|para|con|sobre)\s|[-\u2013\u2014:,?¿]/iu;
const MAX_CONCEPT_WORDS = 4;

const fold = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/(?<=\p{L}{3})s\b/gu, '');

/** `answer` is the section's opening: a heading is asked about as a concept only if the opening talks about it. */
export function headingQuestion(section: string | null, language: OfflineLanguage, answer: string): string | null {
  const heading = stripHeadingNumber(lastSectionPart(section)).replace(/[.:]+$/u, '').replace(/^["'\u201C\u201D\u00AB]+|["'\u201C\u201D\u00BB]+$/gu, '');
  if (heading.length < 3 || !/\p{L}{3}/u.test(heading) || heading.length > 80 || GENERIC_HEADING.test(heading)) return null;
  const named = fold(heading.replace(/\s*\([^)]*\)/gu, '')).replace(/^(the|a|an|el|la|los|las|un|una)\s+/u, '');
  const concept = !DESCRIPTIVE.test(heading) && heading.split(/\s+/u).length <= MAX_CONCEPT_WORDS && fold(answer).includes(named);
  if (!concept) return language === 'es' ? `¿Qué explica la sección «${heading}»?` : `What does the section "${heading}" explain?`;
  // A leading article reads better in lower case mid-question ("¿Qué es la célula?"); plurals take "are"/"son".
  const subject = heading.replace(/^(La|El|Los|Las|Un|Una|The|A|An)\s/u, (m) => m.toLowerCase());
  if (language === 'es') return /^(los|las)\s/u.test(subject) ? `¿Qué son ${subject}?` : `¿Qué es ${subject}?`;
  return /[^su]s$/u.test(subject) ? `What are ${subject}?` : `What is ${subject}?`;
}
