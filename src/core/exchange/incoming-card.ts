/**
 * An incoming note held to the same rules as a card created through the API. Notes that break a rule the card
 * cannot do without (question, answer) are skipped with the reason; optional parts that are not valid
 * (a SourceURL that is not http, a page that is not a number) are dropped, so one odd field does not lose a card.
 */
import type { SourceRef } from '../domain.js';
import type { IncomingNote } from '../ports/exchange.js';
import { LIMITS, sourceRefSchema, sourceUrlSchema } from '../schemas.js';

export interface IncomingCard {
  question: string;
  answer: string;
  /** Null when the note cites nothing: a new card then cites the imported file. */
  source: string | null;
  source_url: string | null;
  ref: Partial<Pick<SourceRef, 'page' | 'section' | 'quote' | 'document_name'>>;
}

// eslint-disable-next-line no-control-regex
const clean = (text: string | null): string => (text ?? '').replace(/\u0000/g, '').trim();

function required(name: 'question' | 'answer', value: string, max: number): string | { reason: string } {
  if (!value) return { reason: `the ${name} is empty` };
  if (value.length > max) return { reason: `the ${name} is longer than ${max} characters` };
  return value;
}

export function toIncomingCard(note: IncomingNote): IncomingCard | { reason: string } {
  const question = required('question', clean(note.question), LIMITS.questionMax);
  if (typeof question !== 'string') return question;
  const answer = required('answer', clean(note.answer), LIMITS.answerMax);
  if (typeof answer !== 'string') return answer;
  const source = clean(note.source);
  const url = sourceUrlSchema.safeParse(clean(note.source_url));
  const ref: IncomingCard['ref'] = {};
  const candidate = {
    page: note.page,
    section: clean(note.section) || null,
    quote: clean(note.quote) || null,
    document_name: clean(note.document_name) || null,
  };
  for (const key of ['page', 'section', 'quote', 'document_name'] as const) {
    const value = candidate[key];
    if (value === null || value === undefined) continue;
    const checked = sourceRefSchema.shape[key].safeParse(value);
    if (checked.success && checked.data !== null && checked.data !== undefined) Object.assign(ref, { [key]: checked.data });
  }
  return {
    question,
    answer,
    source: source ? source.slice(0, LIMITS.sourceMax) : null,
    source_url: url.success ? url.data : null,
    ref,
  };
}
