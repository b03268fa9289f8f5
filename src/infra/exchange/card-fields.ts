/**
 * A card as the note fields, tags and deck name every export format shares (Anki package and CSV), so the two
 * can never disagree about what a card looks like in Anki.
 */
import { guidForCard, type Card, type Deck } from '../../core/index.js';
import { textToFieldHtml } from './anki-html.js';
import type { FieldName } from './anki-note-type.js';

/** The fields in FIELD_NAMES order, HTML-escaped. */
export function noteFields(card: Card): Record<FieldName, string> {
  const ref = card.source_ref;
  return {
    Question: textToFieldHtml(card.question),
    Answer: textToFieldHtml(card.answer),
    Source: textToFieldHtml(card.source),
    Page: ref?.page != null ? String(ref.page) : '',
    Section: textToFieldHtml(ref?.section ?? ''),
    Quote: textToFieldHtml(ref?.quote ?? ''),
    SourceURL: textToFieldHtml(card.source_url ?? ''),
  };
}

/** Anki tags cannot hold spaces: a multi-word category or file name keeps its words joined by underscores. */
const asTag = (text: string): string =>
  text
    .trim()
    .replace(/[\s"]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** `opendeck`, the deck's category and the document the card came from, without repeats. */
export function noteTags(card: Card, deck: Deck): string[] {
  const tags = ['opendeck', deck.category, card.source_ref?.document_name].filter((t): t is string => !!t).map(asTag);
  return [...new Set(tags.filter(Boolean))];
}

/** Anki stores tags space-separated with a space at each end. */
export const tagsColumn = (tags: string[]): string => (tags.length ? ` ${tags.join(' ')} ` : '');

/** `::` is Anki's deck hierarchy: the category becomes the parent deck; a `::` typed inside a name is not one. */
const deckPart = (text: string): string => text.replace(/::/g, ':').replace(/\s+/g, ' ').trim();

export function ankiDeckName(deck: Deck): string {
  const title = deckPart(deck.title) || 'OpenDeck';
  const category = deck.category ? deckPart(deck.category) : '';
  return category ? `${category}::${title}` : title;
}

/** The GUID Anki knows the note by: the one it came from Anki with, else the card id's. */
export const noteGuid = (card: Card): string => card.anki_guid ?? guidForCard(card.id);

/** Anki's modification times are whole seconds. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Anki's deck id for a deck: stable across exports (from the deck's UUID), positive, above Anki's Default deck
 * (1) and within JavaScript's exact integers (48 bits).
 */
export function ankiDeckId(deckId: string): number {
  return parseInt(deckId.replace(/-/g, '').slice(0, 12), 16) + 2;
}
