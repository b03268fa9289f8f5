/**
 * The offline CardGenerator: no network, no key, deterministic. It extracts cards from the text itself
 * (definitions, headed sections, key sentences as cloze), and every card quotes the sentence it came from,
 * with that segment's page and section, so every card grounds. Cards are in the text's language (English or
 * Spanish); it cannot translate, so a requested language different from the text's is not honoured.
 */
import type { CardDraft, CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../../core/generation/card-generator.js';
import { estimateCostUsd } from '../model-prices.js';
import type { TextSegment } from '../../../core/documents/extraction.js';
import { QuestionDeduper } from '../../../core/generation/question-dedupe.js';
import { makeCloze } from './cloze.js';
import { definitionQuestion, findDefinition } from './definitions.js';
import { headingQuestion } from './heading-cards.js';
import {
  displayText, isJunkSection, isJunkSentence, isListItem, lastSectionPart, quoteOf, splitSentences, startsMidSentence, stripHeadingNumber, type Sentence,
} from './sentences.js';
import { detectLanguage, type OfflineLanguage } from './text-language.js';

export const OFFLINE_MODEL = 'extractive-v1';
/** Answers of heading cards: the section's opening, up to about this many characters. */
const HEADING_ANSWER_CHARS = 320;

/** Tier 0 definitions, 1 headings, 2 cloze: better cards first, then spread over the chunk's segments. */
interface Candidate {
  draft: CardDraft;
  tier: 0 | 1 | 2;
  segment: number;
  order: number;
}

interface SegmentSentences {
  segment: TextSegment;
  /** All sentences, in order, so contiguity can be told; `usable` marks those that are not junk. */
  sentences: (Sentence & { usable: boolean })[];
}

/**
 * A sentence cut by a page break is a fragment, not a card: one that starts in lower case ("dustry is..."), one
 * ending in a cut word ("...the legiti-"), and in a paged document a page's last sentence without end punctuation.
 */
const isCutOff = (sentence: Sentence, last: boolean, segment: TextSegment): boolean =>
  /\p{L}-$/u.test(sentence.text) || startsMidSentence(sentence.text) || (last && segment.page !== null && !/[.!?\u2026:]["'\u201D\u2019\u00BB)\]]*$/u.test(sentence.text));

/** "The cells" -> "cell", "Rough ER (RER)" -> "rough er": the same term however it is introduced. */
const termKey = (term: string): string =>
  term.toLowerCase().replace(/\s*\([^)]*\)/gu, '').trim().replace(/^(a|an|the|el|la|los|las|un|una|unos|unas)\s+/u, '').replace(/(?<=\p{L}{3})s$/u, '');

const draftFrom = (segment: TextSegment, sentence: Sentence, question: string, answer: string): CardDraft => ({
  question, answer, page: segment.page, section: segment.section, quote: quoteOf(sentence.text),
});

/**
 * The section's opening: its first usable sentence and those right after it, stopping at junk, a list, or the
 * length limit. An opening that announces a list ("There are two types:") is no answer on its own: null.
 */
function headingAnswer(sentences: SegmentSentences['sentences']): { answer: string; first: Sentence } | null {
  const start = sentences.findIndex((s) => s.usable && !isListItem(s.text));
  if (start === -1) return null;
  let answer = '';
  for (const s of sentences.slice(start)) {
    const text = displayText(s.text);
    if (!s.usable || isListItem(s.text) || text.endsWith(':')) break;
    const next = answer ? `${answer} ${text}` : text;
    if (answer && next.length > HEADING_ANSWER_CHARS) break;
    answer = next;
  }
  return answer ? { answer, first: sentences[start]! } : null;
}

function candidatesOf(parts: SegmentSentences[], language: OfflineLanguage): Candidate[] {
  const candidates: Candidate[] = [];
  const definedTerms = new Set<string>();
  const usedQuotes = new Set<string>();
  let order = 0;
  parts.forEach(({ segment, sentences }, i) => {
    for (const sentence of sentences) {
      const d = sentence.usable ? findDefinition(sentence.text, language) : null;
      // One definition per term: "A cell is...", "The cell is..." and "Cells are..." are one card.
      if (!d || definedTerms.has(termKey(d.term))) continue;
      definedTerms.add(termKey(d.term));
      usedQuotes.add(sentence.text);
      candidates.push({ tier: 0, segment: i, order: order++, draft: draftFrom(segment, sentence, definitionQuestion(d, language), d.definition) });
    }
  });
  const headed = new Set<string | null>();
  parts.forEach(({ segment, sentences }, i) => {
    if (headed.has(segment.section)) return;
    headed.add(segment.section);
    // A heading that names a term already defined ("Arrays" after "An array is...") would repeat that card.
    if (definedTerms.has(termKey(stripHeadingNumber(lastSectionPart(segment.section))))) return;
    const opening = headingAnswer(sentences);
    const question = opening && headingQuestion(segment.section, language, opening.answer);
    if (question && opening) candidates.push({ tier: 1, segment: i, order: order++, draft: draftFrom(segment, opening.first, question, opening.answer) });
  });
  parts.forEach(({ segment, sentences }, i) => {
    for (const sentence of sentences) {
      if (!sentence.usable || usedQuotes.has(sentence.text)) continue;
      const cloze = makeCloze(sentence.text, language, definedTerms);
      if (cloze && cloze.score >= 2) candidates.push({ tier: 2, segment: i, order: order++, draft: draftFrom(segment, sentence, cloze.question, cloze.answer) });
    }
  });
  return candidates;
}

/** Best tier first; within a tier, one card per segment in turn, so a long chunk is covered evenly. */
function select(candidates: Candidate[], maxCards: number): CardDraft[] {
  const deduper = new QuestionDeduper();
  const chosen: Candidate[] = [];
  for (const tier of [0, 1, 2] as const) {
    const queues = new Map<number, Candidate[]>();
    for (const c of candidates.filter((c) => c.tier === tier)) queues.set(c.segment, [...(queues.get(c.segment) ?? []), c]);
    while (chosen.length < maxCards && queues.size > 0) {
      for (const [segment, queue] of queues) {
        const next = queue.shift();
        if (!queue.length) queues.delete(segment);
        if (next && chosen.length < maxCards && deduper.add(next.draft.question)) chosen.push(next);
      }
    }
  }
  return chosen.sort((a, b) => a.segment - b.segment || a.order - b.order).map((c) => c.draft);
}

export class OfflineCardGenerator implements CardGenerator {
  readonly provider = 'offline';
  readonly model = OFFLINE_MODEL;

  constructor(readonly maxChunkChars = 12_000) {}

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const segments = request.chunk.segments.filter((s) => !isJunkSection(s.section));
    const text = segments.map((s) => s.text).join('\n');
    const requested = request.language === 'es' || request.language === 'en' ? request.language : 'en';
    const language = detectLanguage(text) ?? requested;
    const parts = segments.map((segment) => {
      const sentences = splitSentences(segment.text);
      return { segment, sentences: sentences.map((s, i) => ({ ...s, usable: !isJunkSentence(s.text) && !isCutOff(s, i === sentences.length - 1, segment) })) };
    });
    const cards = select(candidatesOf(parts, language), request.maxCards);
    return { cards, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}
