/**
 * POST /decks/import: cards from an Anki package, a CSV or an OpenDeck JSON export, without duplicates.
 * A note whose GUID is one of this user's cards (exported from here) or a note imported before (same GUID,
 * same user: same derived card id) is that card; it changes only when the note is newer and differs. Every
 * other note becomes a new card, citing the imported file when it cites nothing itself.
 */
import type { Card, Deck } from '../domain.js';
import { CoreError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import { LIMITS } from '../schemas.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import { cleanFilename } from '../documents/upload-documents.js';
import type { NewCard } from '../ports/index.js';
import type { ImportFile, IncomingNote, ParsedImport } from '../ports/exchange.js';
import { requireUser } from '../context.js';
import type { ExchangeCtx } from './exchange-context.js';
import { toIncomingCard, type IncomingCard } from './incoming-card.js';
import { outcomeFor } from './import-plan.js';
import { cardIdFromGuid, guidForQuestion, importedCardId } from './note-guid.js';
import { findCards } from './find-cards.js';

export interface ImportInput {
  file: ImportFile;
  /** Import into this deck of the user; without it, into the deck of the cards the file matches, else a new deck. */
  deckId?: string;
}

export interface SkippedNote {
  row: number;
  guid: string | null;
  reason: string;
}

export interface ImportResult {
  deck_id: string;
  deck_created: boolean;
  format: ParsedImport['format'];
  created: number;
  updated: number;
  unchanged: number;
  /** Of the unchanged: notes that differ but are not newer than the card here, so the card was kept. */
  kept_newer_here: number;
  skipped: number;
  /** The first reasons (at most MAX_REASONS); `skipped` is the full count. */
  skipped_notes: SkippedNote[];
  media_ignored: number;
}

const MAX_REASONS = 100;
/** A deck name from a file, as a title: no control characters (NUL included), one line. */
// eslint-disable-next-line no-control-regex
const oneLine = (text: string | null): string => (text ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
/** Anki's own GUIDs are 10 characters; anything far longer or with control characters is not a GUID to keep. */
const MAX_GUID = 100;
// eslint-disable-next-line no-control-regex
const GUID = new RegExp(`^[^\\u0000-\\u001f\\u007f]{1,${MAX_GUID}}$`);
const CREATE_BATCH = 500;

interface Planned {
  note: IncomingNote;
  guid: string;
  card: IncomingCard;
}

async function targetDeck(ctx: ExchangeCtx, userId: string, deckId: string | undefined): Promise<Deck | null> {
  if (deckId === undefined) return null;
  if (!isUuid(deckId)) throw notFound(DECK_NOT_FOUND);
  const deck = await ctx.ports.decks.get(userId, deckId);
  if (!deck) throw notFound(DECK_NOT_FOUND);
  return deck;
}

function checkFile(ctx: ExchangeCtx, file: ImportFile): string {
  const name = cleanFilename(file.filename);
  if (file.bytes.byteLength === 0) throw validationFailed([{ path: 'file', message: `${name} is empty` }]);
  const max = ctx.ports.exchange.limits.maxImportBytes;
  if (file.bytes.byteLength > max) {
    throw new CoreError(
      'payload_too_large',
      `${name} is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; imports may be at most ${max / 1048576} MB.`,
    );
  }
  return name;
}

export async function importDeck({ ctx, input }: { ctx: ExchangeCtx; input: ImportInput }): Promise<ImportResult> {
  const userId = requireUser(ctx);
  let deck = await targetDeck(ctx, userId, input.deckId);
  const filename = checkFile(ctx, input.file);
  const parsed = await ctx.ports.exchange.read({ filename, bytes: input.file.bytes });
  const { maxImportNotes } = ctx.ports.exchange.limits;
  if (parsed.notes.length > maxImportNotes) {
    throw new CoreError(
      'payload_too_large',
      `${filename} holds ${parsed.notes.length} notes; one import may carry at most ${maxImportNotes}.`,
    );
  }

  const skipped: SkippedNote[] = [...parsed.unreadable];
  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const note of parsed.notes) {
    const card = toIncomingCard(note);
    if (note.guid !== null && !GUID.test(note.guid)) {
      skipped.push({
        row: note.row,
        guid: null,
        reason: `its GUID is empty, longer than ${MAX_GUID} characters or holds control characters`,
      });
      continue;
    }
    if ('reason' in card) {
      skipped.push({ row: note.row, guid: note.guid, reason: card.reason });
      continue;
    }
    const guid = note.guid ?? guidForQuestion(card.question);
    if (seen.has(guid)) {
      skipped.push({ row: note.row, guid: note.guid, reason: 'the same note (GUID) appears earlier in the file' });
      continue;
    }
    seen.add(guid);
    planned.push({ note, guid, card });
  }

  if (planned.length === 0 && !deck) {
    const why = skipped
      .slice(0, 3)
      .map((s) => `row ${s.row}: ${s.reason}`)
      .join('; ');
    throw new CoreError(
      'unprocessable',
      `${filename} holds no note that can become a card${why ? ` (${why})` : ''}, so nothing was imported.`,
    );
  }
  const existing = await findCards(
    ctx,
    userId,
    planned.map((p) => ({ own: cardIdFromGuid(p.guid), derived: importedCardId(userId, p.guid) })),
  );
  let deckCreated = false;
  if (!deck) {
    const matchedDeck = existing.find((c) => c !== null)?.deck_id;
    deck = matchedDeck ? await ctx.ports.decks.get(userId, matchedDeck) : null;
  }
  if (!deck) {
    deck = await ctx.ports.decks.create({
      id: ctx.ports.ids.next(),
      user_id: userId,
      title: (oneLine(parsed.deck_title) || oneLine(filename.replace(/\.[^.]+$/, '')) || 'Imported deck').slice(0, LIMITS.titleMax),
      description: `Imported from ${filename}`.slice(0, LIMITS.descriptionMax),
      category: oneLine(parsed.deck_category).slice(0, LIMITS.categoryMax) || null,
      difficulty: null,
      created_at: ctx.ports.clock.now(),
    });
    deckCreated = true;
  }

  const result: ImportResult = {
    deck_id: deck.id,
    deck_created: deckCreated,
    format: parsed.format,
    created: 0,
    updated: 0,
    unchanged: 0,
    kept_newer_here: 0,
    skipped: skipped.length,
    skipped_notes: skipped.slice(0, MAX_REASONS),
    media_ignored: parsed.media_ignored,
  };
  const toCreate: NewCard[] = [];
  for (const [i, plan] of planned.entries()) {
    const card: Card | null = existing[i]!;
    if (!card) {
      toCreate.push(newCard(ctx, userId, deck.id, plan, filename));
      continue;
    }
    const outcome = outcomeFor(card, plan.card, plan.note.modified);
    if (outcome.kind === 'unchanged') {
      result.unchanged += 1;
      if (outcome.reason === 'newer_here') result.kept_newer_here += 1;
      continue;
    }
    // Null: deleted meanwhile. Then there is nothing to update; counting it as unchanged is the honest answer.
    if (await ctx.ports.cards.update(userId, card.id, outcome.patch, ctx.ports.clock.now())) result.updated += 1;
    else result.unchanged += 1;
  }
  for (let i = 0; i < toCreate.length; i += CREATE_BATCH) {
    const batch = toCreate.slice(i, i + CREATE_BATCH);
    if (!(await createBatch(ctx, userId, deck.id, batch))) throw notFound(DECK_NOT_FOUND);
    result.created += batch.length;
  }
  return result;
}

/**
 * Card ids of imported notes are derived, so two imports of one file at the same moment try to create the same
 * cards: the second one's insert fails. That is a conflict to retry (the retry finds the cards), not a crash.
 */
async function createBatch(ctx: ExchangeCtx, userId: string, deckId: string, batch: NewCard[]) {
  try {
    return await ctx.ports.cards.createMany(userId, deckId, batch);
  } catch (error) {
    const taken = await Promise.all(batch.slice(0, 20).map((c) => ctx.ports.cards.get(userId, c.id)));
    if (taken.some(Boolean)) {
      throw new CoreError(
        'conflict',
        'Another import of the same notes ran at the same time. Import the file again: it will add only what is still missing.',
      );
    }
    throw error;
  }
}

function newCard(ctx: ExchangeCtx, userId: string, deckId: string, plan: Planned, filename: string): NewCard {
  const { card } = plan;
  const hasRef = Object.keys(card.ref).length > 0;
  return {
    id: importedCardId(userId, plan.guid),
    deck_id: deckId,
    user_id: userId,
    question: card.question,
    answer: card.answer,
    source: card.source ?? `Imported from ${filename}`.slice(0, 500),
    source_url: card.source_url,
    source_ref: hasRef
      ? {
          document_id: null,
          document_name: card.ref.document_name ?? null,
          page: card.ref.page ?? null,
          section: card.ref.section ?? null,
          quote: card.ref.quote ?? null,
        }
      : null,
    created_at: ctx.ports.clock.now(),
    // Kept so that exports give Anki back the GUID it knows (a row without one has nothing to give back).
    ...(plan.note.guid ? { anki_guid: plan.note.guid } : {}),
  };
}
