/**
 * Bodies for POST /decks/import: real packages (built here with the exporter), the same truncated, bit-flipped,
 * with a wrong magic or lying zip headers, zips of non-collections, CSV/JSON noise, and non-multipart bodies.
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import type { Card, Deck } from '../../src/core/index.js';
import { writeApkg } from '../../src/infra/exchange/apkg-writer.js';

const T = new Date('2026-01-01T00:00:00Z');
const deck: Deck = {
  id: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  user_id: 'u',
  title: 'Fuzz',
  description: null,
  category: 'Test',
  difficulty: null,
  card_count: 2,
  created_at: T,
  updated_at: T,
};
const card = (i: number): Card => ({
  id: `0000000${i}-8a7b-4c6d-9e0f-1a2b3c4d5e6f`,
  deck_id: deck.id,
  user_id: 'u',
  question: `Q${i} <&>`,
  answer: `A${i}`,
  source: 'Fuzz',
  source_url: null,
  source_ref: null,
  created_at: T,
  updated_at: T,
});

async function validPackage(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of writeApkg(
    [
      {
        deck,
        cards: async function* () {
          yield [card(1), card(2)];
        },
      },
    ],
    T,
  ))
    chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

export const VALID_APKG = await validPackage();

function lyingSizes(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let i = 0; i < copy.length - 4; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, size, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return copy;
}

const text = (s: string) => new TextEncoder().encode(s);

const packageBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constant(VALID_APKG),
  fc.integer({ min: 0, max: VALID_APKG.length - 1 }).map((n) => VALID_APKG.subarray(0, n)),
  fc.tuple(fc.integer({ min: 0, max: VALID_APKG.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
    const copy = VALID_APKG.slice();
    copy[at]! ^= x;
    return copy;
  }),
  fc.constantFrom(0xffffffff, 0x7fffffff, 0, 1).map((size) => lyingSizes(VALID_APKG, size)),
  fc.constant(Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])),
  fc.constant(zipSync({ 'collection.anki21': text('SQLite format 3\u0000 and nothing else') })),
  fc.constant(zipSync({ 'collection.anki21b': Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff]) })),
  fc.uint8Array({ maxLength: 400 }),
);

const file = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      name: fc.constantFrom('deck.apkg', 'deck.colpkg', 'deck.zip', 'x', '../../etc/passwd.apkg', 'deck.docx'),
      bytes: packageBytes,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      name: fc.constantFrom('cards.csv', 'cards.tsv', 'cards.txt'),
      bytes: fc.string({ maxLength: 300 }).map((s) => text(`#separator:Tab\n#html:true\n${s}`)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ name: fc.constant('cards.json'), bytes: fc.json().map(text) }) },
);

/** Multipart bodies (a file, sometimes a deck_id) and a few that are not multipart at all. */
export function importArbitrary(deckId: fc.Arbitrary<string>): fc.Arbitrary<FormData | { text: string; type?: string } | null> {
  const form = fc
    .record({ field: fc.constantFrom('file', 'file', 'file', 'other'), file, deckId: fc.option(deckId, { freq: 3 }) })
    .map(({ field, file: f, deckId: id }) => {
      const data = new FormData();
      data.append(field, new File([f.bytes], f.name));
      if (id !== null) data.append('deck_id', id);
      return data;
    });
  const notMultipart = fc.constantFrom(
    { text: '{}', type: 'application/json' },
    { text: 'x', type: 'multipart/form-data' },
    { text: '--b\r\n\r\n', type: 'multipart/form-data; boundary=b' },
    null,
  );
  return fc.oneof({ weight: 6, arbitrary: form }, { weight: 1, arbitrary: notMultipart });
}
