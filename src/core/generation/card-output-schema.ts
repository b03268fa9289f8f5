/**
 * The one shape every provider asks the model for, and the code that checks what came back. A model's reply
 * is data from outside: it is parsed and validated here, never used as is.
 */
import { z } from 'zod';
import type { CardDraft } from '../ports/generation.js';

/**
 * Wire schema. Plain types only (no length or range constraints): it is also sent to providers as a JSON
 * Schema, and strict structured-output modes reject many constraint keywords. Limits are applied after parsing.
 */
export const generatedCardSchema = z.object({
  question: z.string().describe('The question, in the requested language.'),
  answer: z.string().describe('A short, self-contained answer, in the requested language.'),
  page: z.number().nullable().describe('Page number from the page marker the quote comes from; null if the document has no pages.'),
  section: z.string().nullable().describe('Section from the section marker the quote comes from; null if none.'),
  quote: z.string().describe('A verbatim excerpt (one or two sentences) copied from the document that supports the answer.'),
});

export const generatedCardsSchema = z.object({ cards: z.array(generatedCardSchema) });

export type GeneratedCards = z.infer<typeof generatedCardsSchema>;

/** JSON Schema of the model's output, for providers that take one (tool input schemas). */
export const generatedCardsJsonSchema = (): Record<string, unknown> => z.toJSONSchema(generatedCardsSchema, { target: 'draft-7' });

const MAX_QUESTION_CHARS = 500;
const MAX_ANSWER_CHARS = 2000;

export type CardOutputParse = { ok: true; cards: CardDraft[]; dropped: number } | { ok: false; error: string };

/**
 * Validates a reply (a JSON string or an already-parsed value). Shape errors fail the whole reply (the caller
 * retries); individual unusable cards (empty or oversized text) are dropped and counted.
 */
export function parseCardOutput(reply: unknown, maxCards: number): CardOutputParse {
  let value = reply;
  if (typeof reply === 'string') {
    try {
      value = JSON.parse(stripCodeFence(reply));
    } catch {
      return { ok: false, error: 'the reply is not valid JSON' };
    }
  }
  const parsed = generatedCardsSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: `the reply does not match the card schema (${first?.path.join('.') || 'root'}: ${first?.message})` };
  }
  const cards: CardDraft[] = [];
  for (const card of parsed.data.cards) {
    const draft = sanitize(card);
    if (draft && cards.length < maxCards) cards.push(draft);
  }
  return { ok: true, cards, dropped: parsed.data.cards.length - cards.length };
}

function sanitize(card: GeneratedCards['cards'][number]): CardDraft | null {
  const question = card.question.trim();
  const answer = card.answer.trim();
  if (!question || !answer || !card.quote.trim()) return null;
  if (question.length > MAX_QUESTION_CHARS || answer.length > MAX_ANSWER_CHARS) return null;
  // The page is only a hint for grounding; a non-integer or non-positive one is no hint at all.
  const page = card.page !== null && Number.isInteger(card.page) && card.page > 0 ? card.page : null;
  const section = card.section?.trim() || null;
  return { question, answer, page, section, quote: card.quote };
}

/** Some OpenAI-compatible servers wrap JSON in a Markdown code fence despite instructions. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/u.exec(text);
  return fenced ? fenced[1]! : text;
}
