/**
 * OpenDeck JSON in: our export (one deck or several), or a bare array of cards such as `opendeck generate`
 * prints. A card with an `id` keeps its identity (its GUID is the one the Anki export gives it), so importing an
 * export back finds the same cards; `updated_at` is its modification time.
 */
import { z } from 'zod';
import { CoreError, guidForCard, isUuid, type IncomingNote, type ParsedImport, type UnreadableNote } from '../../core/index.js';

const text = z.string().nullish();
const cardShape = z.object({
  id: z.string().nullish(),
  question: z.string(),
  answer: z.string(),
  source: text,
  source_url: text,
  updated_at: text,
  source_ref: z.object({ document_name: text, page: z.number().nullish(), section: text, quote: text }).nullish(),
});
const deckShape = z.object({ title: text, category: text }).nullish();
const exportShape = z.union([
  z.object({ deck: deckShape, cards: z.array(z.unknown()) }),
  z.object({ decks: z.array(z.object({ deck: deckShape, cards: z.array(z.unknown()) })) }),
  z.array(z.unknown()),
]);

const notOpenDeckJson = () =>
  new CoreError(
    'unprocessable',
    'This JSON file is not an OpenDeck export: expected {"deck": ..., "cards": [...]}, {"decks": [...]} or an array of cards with question and answer.',
  );

function toNote(row: number, value: unknown): IncomingNote | UnreadableNote {
  const parsed = cardShape.safeParse(value);
  if (!parsed.success) return { row, guid: null, reason: 'it is not a card with a question and an answer' };
  const card = parsed.data;
  const modified = card.updated_at ? new Date(card.updated_at) : null;
  return {
    row,
    guid: card.id && isUuid(card.id) ? guidForCard(card.id) : null,
    modified: modified && !Number.isNaN(modified.getTime()) ? modified : null,
    question: card.question,
    answer: card.answer,
    source: card.source ?? null,
    source_url: card.source_url ?? null,
    page: card.source_ref?.page ?? null,
    section: card.source_ref?.section ?? null,
    quote: card.source_ref?.quote ?? null,
    document_name: card.source_ref?.document_name ?? null,
  };
}

export function readJson(bytes: Uint8Array, maxNotes: number): ParsedImport {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new CoreError('unprocessable', 'This file is not valid JSON (UTF-8), so it cannot be imported.');
  }
  const shape = exportShape.safeParse(value);
  if (!shape.success) throw notOpenDeckJson();
  const data = shape.data;
  const decks = Array.isArray(data) ? [{ deck: null, cards: data }] : 'decks' in data ? data.decks : [data];
  const cards = decks.flatMap((d) => d.cards);
  if (cards.length > maxNotes)
    throw new CoreError('payload_too_large', `This file holds ${cards.length} cards; one import may carry at most ${maxNotes}.`);
  const notes: IncomingNote[] = [];
  const unreadable: UnreadableNote[] = [];
  cards.forEach((card, i) => {
    const note = toNote(i + 1, card);
    if ('reason' in note) unreadable.push(note);
    else notes.push(note);
  });
  const deck = decks[0]?.deck;
  return { format: 'json', deck_title: deck?.title ?? null, deck_category: deck?.category ?? null, notes, unreadable, media_ignored: 0 };
}
