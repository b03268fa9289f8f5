/**
 * Card makers for the fakes, reading the document back out of the prompt the client sent (as a model would):
 * grounded cards that quote the text they were given, and lying cards that cite wrong pages and invent quotes.
 */
import type { FakeCard, RecordedRequest } from './fake-llm-server.js';

export interface PromptSegment {
  page: number | null;
  section: string | null;
  text: string;
}

const SEGMENT = /<segment((?:\s+\w+="[^"]*")*)>\n([\s\S]*?)\n<\/segment>/g;
const unescapeXml = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function segmentsInPrompt(user: string): PromptSegment[] {
  const document = /<document[^>]*>\n([\s\S]*)\n<\/document>/.exec(user)?.[1] ?? '';
  return [...document.matchAll(SEGMENT)].map((m) => {
    const attributes = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeXml(a[2]!)]));
    return { page: attributes.page ? Number(attributes.page) : null, section: attributes.section ?? null, text: m[2]! };
  });
}

/** The card limit the prompt asked for ("Write up to N flashcards"). */
export const requestedMaxCards = (user: string): number => Number(/Write up to (\d+) flashcards/.exec(user)?.[1] ?? 5);

/** A quotable sentence: the first one of a reasonable length, cut at a word boundary to stay a short quote. */
function quotable(text: string): string | null {
  const sentences = text.split(/(?<=[.!?])\s+/).map((s) => s.trim());
  const sentence = sentences.find((s) => s.length >= 40) ?? sentences.find((s) => s.length >= 12);
  if (!sentence) return null;
  return sentence.length <= 200 ? sentence : sentence.slice(0, sentence.lastIndexOf(' ', 200));
}

/** One card per segment (up to the requested maximum), each quoting its own segment with the right page. */
export function groundedCards(request: RecordedRequest): FakeCard[] {
  const cards: FakeCard[] = [];
  for (const segment of segmentsInPrompt(request.user)) {
    if (cards.length >= requestedMaxCards(request.user)) break;
    const quote = quotable(segment.text);
    if (!quote) continue;
    // A card that passes the quality rules: it names its topic (never "the text") and the answer adds to it.
    const topic = quote.split(/\s+/).slice(0, 4).join(' ');
    cards.push({
      question: `What is known about "${topic}" (card ${cards.length + 1})?`,
      answer: quote,
      page: segment.page,
      section: segment.section,
      quote,
    });
  }
  return cards;
}

/** Three cards: one honest, one citing the wrong page, one with an invented quote. */
export function lyingCards(request: RecordedRequest): FakeCard[] {
  const [honest, misplaced] = groundedCards(request);
  if (!honest || !misplaced) throw new Error('lyingCards needs a prompt with at least two quotable segments');
  return [
    honest,
    { ...misplaced, question: 'Which page is this on?', page: (misplaced.page ?? 0) + 40 },
    {
      question: 'What did the author never write?',
      answer: 'Something invented.',
      page: honest.page,
      section: honest.section,
      quote: 'The moon is made of green cheese, as every source agrees.',
    },
  ];
}
