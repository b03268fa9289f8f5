/**
 * Decks as OpenDeck JSON: the deck and its cards exactly as the API returns them (source_ref included), written
 * card by card. One deck is `{format, version, deck, cards}`; several are `{format, version, decks: [...]}`.
 */
import { publicCard, type Deck, type DeckToExport } from '../../core/index.js';

export const JSON_FORMAT = 'opendeck';
export const JSON_VERSION = 1;

const iso = (d: Date) => d.toISOString();

export const deckJson = (d: Deck) => ({
  id: d.id,
  title: d.title,
  description: d.description,
  category: d.category,
  difficulty: d.difficulty,
  card_count: d.card_count,
  created_at: iso(d.created_at),
  updated_at: iso(d.updated_at),
});

const encoder = new TextEncoder();

async function* deckBody({ deck, cards }: DeckToExport): AsyncGenerator<string> {
  yield `"deck":${JSON.stringify(deckJson(deck))},"cards":[`;
  let first = true;
  for await (const page of cards()) {
    const text = page.map((card) => JSON.stringify(publicCard(card))).join(',');
    if (!text) continue;
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']';
}

export async function* writeJson(decks: DeckToExport[], now: Date): AsyncGenerator<Uint8Array> {
  const head = `{"format":"${JSON_FORMAT}","version":${JSON_VERSION},"exported_at":"${iso(now)}",`;
  if (decks.length === 1) {
    yield encoder.encode(head);
    for await (const part of deckBody(decks[0]!)) yield encoder.encode(part);
    yield encoder.encode('}\n');
    return;
  }
  yield encoder.encode(`${head}"decks":[`);
  for (const [i, deck] of decks.entries()) {
    yield encoder.encode(i === 0 ? '{' : ',{');
    for await (const part of deckBody(deck)) yield encoder.encode(part);
    yield encoder.encode('}');
  }
  yield encoder.encode(']}\n');
}
