/**
 * Every card the offline generator could make from a chunk, by kind: definitions, section openings, lists and
 * cloze sentences, in that order of value. Each quotes its own words from the segment, with that segment's
 * page and section, so every card grounds. A sentence already used by one card is not asked again.
 */
import type { CardDraft } from '../../../core/index.js';
import { isNearDuplicate } from '../../../core/index.js';
import { capitalized, Casing } from './casing.js';
import { findCause } from './causes.js';
import { commonWords, makeCloze, singular, type TermIndex } from './cloze.js';
import { definitionQuestion, findDefinition } from './definitions.js';
import { headingCard } from './heading-cards.js';
import { listCards } from './list-cards.js';
import { isAttribute } from './list-questions.js';
import type { SegmentPart } from './segment-parts.js';
import { headingName } from './section-text.js';
import { quoteOf } from './sentences.js';
import type { Candidate } from './select-cards.js';
import { COMPLETE } from './templates.js';
import { isStopword, patternLanguage, type CardLanguage } from './text-language.js';

const TIER = { definition: 0, cause: 1, heading: 1, list: 1, item: 2, cloze: 3 } as const;

/** "The cells" -> "cell", "Rough ER (RER)" -> "rough er": the same term however it is introduced. */
export const termKey = (term: string): string =>
  singular(
    term
      .toLowerCase()
      .replace(/\s*\([^)]*\)/gu, '')
      .trim()
      .replace(/^(a|an|the|el|la|los|las|un|una|unos|unas)\s+/u, ''),
  );

/** "Structure and Function" says nothing about what: the chapter it is in does. */
const isGenericHeading = (name: string) =>
  /^(introduction|overview|summary|introducci[oó]n|resumen)$/iu.test(name) ||
  (name.match(/\p{L}{3,}/gu) ?? []).every((w) => isStopword(w) || isAttribute(w));

/** The section's headings for questions, innermost first; a generic one is shown with its parent. */
function headingsOf(section: string | null): string[] {
  const own = headingName(section);
  const parent = headingName(section, 2);
  if (own && parent && isGenericHeading(own)) return [`${parent}: ${own}`, parent];
  return [own, parent].filter(Boolean);
}

/**
 * `cardLanguage`: the text's language. Definitions, section openings and lists have sentence patterns and
 * question templates in English and Spanish only; other languages get cause/effect and cloze cards.
 */
export function candidatesOf(parts: SegmentPart[], cardLanguage: CardLanguage): Candidate[] {
  const language = patternLanguage(cardLanguage);
  const patterned = language === cardLanguage;
  const candidates: Candidate[] = [];
  const usable = parts.flatMap((p) => p.sentences.filter((s) => s.usable));
  const casing = new Casing(usable.filter((s) => !s.inList).map((s) => s.text));
  const known = new Set<string>();
  const used = new Set<string>();
  const definitionQuestions: string[] = [];
  const add = (i: number, tier: number, question: string, answer: string, quote: string, alternatives: string[] = []) => {
    const { page, section } = parts[i]!.segment;
    const draft: CardDraft = { question, answer, page, section, quote };
    candidates.push({ draft, tier, segment: i, order: candidates.length, alternatives });
  };

  parts.forEach(({ sentences }, i) => {
    for (const s of sentences) {
      const d = patterned && s.usable && !s.inList ? findDefinition(s.text, language) : null;
      // "Agee is a direct beneficiary...": a name the text always capitalises keeps its capital.
      if (d && /^\p{Lu}\p{Ll}+$/u.test(capitalized(d.term)) && s.text.startsWith(capitalized(d.term)))
        d.term = casing.cased(capitalized(d.term));
      // One definition per term: "A cell is...", "The cell is..." and "Cells are..." are one card.
      if (!d || known.has(termKey(d.term))) continue;
      known.add(termKey(d.term));
      used.add(s.text);
      definitionQuestions.push(definitionQuestion(d, language));
      add(i, TIER.definition, definitionQuestions.at(-1)!, d.definition, quoteOf(s.text));
    }
  });

  parts.forEach(({ sentences }, i) => {
    for (const s of sentences) {
      if (!s.usable || s.inList || used.has(s.text)) continue;
      const cause = findCause(s.text, cardLanguage);
      if (!cause) continue;
      used.add(s.text);
      add(i, TIER.cause, cause.question, cause.answer, quoteOf(s.text));
    }
  });

  const headed = new Set<string | null>();
  parts.forEach((part, i) => {
    if (!patterned) return;
    const { section } = part.segment;
    // The section's opening is in this chunk only if the segment starts with its heading or the section changes here.
    const opens = part.startsSection || (i > 0 && parts[i - 1]!.segment.section !== section);
    if (headed.has(section) || !opens) return;
    headed.add(section);
    const headings = headingsOf(section);
    // A heading that names a term already defined ("Arrays" after "An array is...") would repeat that card.
    if (!headings[0] || known.has(termKey(headings[0]))) return;
    const card = headingCard(part.sentences, headings, used, language, casing);
    // "What is a Cell?" as a heading asks what the definition card already asks.
    if (!card || definitionQuestions.some((q) => isNearDuplicate(q, card.question))) return;
    for (const text of card.covered) used.add(text);
    add(i, TIER.heading, card.question, card.answer, card.quote);
  });

  parts.forEach((part, i) => {
    if (!patterned) return;
    const headings = headingsOf(part.segment.section);
    // What the lists are about: the section, or the chapter when the section's name is generic.
    const name = headings[0]?.includes(': ') ? headings[1] : headings[0];
    const ctx = { language, topic: name ? casing.cased(name) : null, heading: headings[0] ?? null, casing, text: part.segment.text };
    const covered = new Set<number>();
    for (const card of listCards(part.outline, ctx)) {
      add(i, TIER[card.kind], card.question, card.answer, card.quote, card.alternatives);
      for (const start of card.covers) covered.add(start);
    }
    for (const s of part.sentences) if (covered.has(s.start)) used.add(s.text);
  });

  const terms: TermIndex = {
    known,
    common: commonWords(
      usable.map((s) => s.text),
      known,
    ),
  };
  parts.forEach(({ sentences }, i) => {
    for (const s of sentences) {
      if (!s.usable || used.has(s.text)) continue;
      const cloze = makeCloze(s.text, language, terms);
      if (cloze) add(i, TIER.cloze, `${COMPLETE[cardLanguage]}: ${cloze.question}`, cloze.answer, quoteOf(s.text));
    }
  });
  return candidates;
}
