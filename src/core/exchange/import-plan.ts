/**
 * What one incoming note does to the card it matches, by Anki's own rule: a note updates the card only when it
 * is newer (its modification time after the card's updated_at) and actually differs. Formats without a
 * modification time (CSV) count as newer: the file is what the user just chose to import.
 */
import type { Card, SourceRef } from '../domain.js';
import type { CardPatch } from '../ports/index.js';
import type { IncomingCard } from './incoming-card.js';

export type NoteOutcome = { kind: 'update'; patch: CardPatch } | { kind: 'unchanged'; reason: 'same' | 'newer_here' };

/** The card's fields after the note is applied; parts the note does not carry keep the card's values. */
export function patchFor(card: Card, incoming: IncomingCard): CardPatch {
  const patch: CardPatch = {};
  if (incoming.question !== card.question) patch.question = incoming.question;
  if (incoming.answer !== card.answer) patch.answer = incoming.answer;
  if (incoming.source !== null && incoming.source !== card.source) patch.source = incoming.source;
  if (incoming.source_url !== null && incoming.source_url !== card.source_url) patch.source_url = incoming.source_url;
  const base: SourceRef = card.source_ref ?? { document_id: null, document_name: null, page: null, section: null, quote: null };
  const merged: SourceRef = { ...base, ...incoming.ref };
  const changed = (Object.keys(incoming.ref) as (keyof SourceRef)[]).some((key) => merged[key] !== base[key]);
  if (changed) patch.source_ref = merged;
  return patch;
}

export function outcomeFor(card: Card, incoming: IncomingCard, modified: Date | null): NoteOutcome {
  const patch = patchFor(card, incoming);
  if (Object.keys(patch).length === 0) return { kind: 'unchanged', reason: 'same' };
  // Anki stores seconds: a card exported at 12:00:00.700 comes back as 12:00:00, which is not newer.
  if (modified && modified.getTime() <= card.updated_at.getTime()) return { kind: 'unchanged', reason: 'newer_here' };
  return { kind: 'update', patch };
}
