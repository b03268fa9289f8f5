/** The pure format rules: GUIDs, derived ids, SHA-1, HTML fields, Anki's checksum, tags and deck names, CSV headers. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardIdFromGuid,
  guidForCard,
  guidForQuestion,
  importedCardId,
  isUuid,
  sha1,
  type Card,
  type Deck,
} from '../../../src/core/index.js';
import { fieldChecksum } from '../../../src/infra/exchange/anki-checksum.js';
import { fieldHtmlToText, stripHtmlKeepingMedia, textToFieldHtml } from '../../../src/infra/exchange/anki-html.js';
import { splitDeckName } from '../../../src/infra/exchange/apkg-reader.js';
import { ankiDeckId, ankiDeckName, noteTags } from '../../../src/infra/exchange/card-fields.js';
import { guessSeparator, readCsvHeaders } from '../../../src/infra/exchange/csv-headers.js';
import { zstdDecompress } from '../../../src/infra/exchange/package-zip.js';
import { zstdStored } from './anki-fixtures.js';

describe('note GUIDs', () => {
  it("encode every card id in 20 characters of Anki's alphabet and decode back to it", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const guid = guidForCard(id);
        expect(guid).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{20}$/);
        expect(cardIdFromGuid(guid)).toBe(id.toLowerCase());
      }),
    );
    expect(guidForCard('00000000-0000-0000-0000-000000000000')).toBe('a'.repeat(20));
    expect(cardIdFromGuid(guidForCard('ffffffff-ffff-ffff-ffff-ffffffffffff'))).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
  });

  it('are not read into GUIDs Anki or other tools made', () => {
    for (const guid of ['f{8Z;P)t|w', 'AnkiNew01', '', '~'.repeat(20), 'é'.repeat(20), 'q:abc']) expect(cardIdFromGuid(guid)).toBeNull();
  });

  it('derive the same card id for the same user and GUID, different for another user', () => {
    const a = importedCardId('11111111-1111-4111-8111-111111111111', 'f{8Z;P)t|w');
    expect(a).toBe(importedCardId('11111111-1111-4111-8111-111111111111', 'f{8Z;P)t|w'));
    expect(a).not.toBe(importedCardId('22222222-2222-4222-8222-222222222222', 'f{8Z;P)t|w'));
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('5');
    expect(guidForQuestion(' What is ATP? ')).toBe(guidForQuestion('what is atp?'));
  });
});

describe('sha1 (core, no node:crypto)', () => {
  it('equals node:crypto for any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('Anki field HTML', () => {
  it('text -> field -> text is the identity for trimmed text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).map((s) =>
          s
            .replace(/\r/g, '')
            .replace(/\u00a0/g, ' ')
            .trim(),
        ),
        (text) => {
          expect(fieldHtmlToText(textToFieldHtml(text))).toBe(text);
        },
      ),
    );
  });

  it("reads what Anki's editor writes", () => {
    expect(fieldHtmlToText('line one<div>line two</div><div><b>three</b></div>')).toBe('line one\nline two\nthree');
    expect(fieldHtmlToText('a<br/>b&nbsp;c &amp; d &#x263A; &#9731; &unknown;')).toBe('a\nb c & d \u263a \u2603 &unknown;');
    expect(fieldHtmlToText('<style>.x{}</style><!-- c -->kept<script>alert(1)</script>')).toBe('kept');
  });

  it('keeps media file names when stripping for the sort field and checksum, as Anki does', () => {
    expect(stripHtmlKeepingMedia('Look <img src="cell.png"> here')).toBe('Look  cell.png  here');
    expect(stripHtmlKeepingMedia('&lt;b&gt; is <i>bold</i>')).toBe('<b> is bold');
  });

  it("computes Anki's checksum: sha1 of the stripped first field, first 8 hex digits as an integer", () => {
    expect(fieldChecksum('hello')).toBe(0xaaf4c61d);
    expect(fieldChecksum('<b>hello</b>')).toBe(0xaaf4c61d);
    expect(fieldChecksum('A &amp; B')).toBe(Number.parseInt(createHash('sha1').update('A & B').digest('hex').slice(0, 8), 16));
  });
});

const deck = (over: Partial<Deck> = {}): Deck => ({
  id: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  user_id: 'u',
  title: 'Cell structure',
  description: null,
  category: 'Biology',
  difficulty: null,
  card_count: 0,
  created_at: new Date(),
  updated_at: new Date(),
  ...over,
});
const card = (documentName: string | null): Card => ({
  id: 'c',
  deck_id: 'd',
  user_id: 'u',
  question: 'q',
  answer: 'a',
  source: 's',
  source_url: null,
  source_ref: documentName ? { document_id: null, document_name: documentName, page: 1, section: null, quote: null } : null,
  created_at: new Date(),
  updated_at: new Date(),
});

describe('deck names, ids and tags', () => {
  it('puts the category above the title, and a "::" typed in a name does not make a level', () => {
    expect(ankiDeckName(deck())).toBe('Biology::Cell structure');
    expect(ankiDeckName(deck({ category: null }))).toBe('Cell structure');
    expect(ankiDeckName(deck({ title: 'A::B', category: 'X::Y' }))).toBe('X:Y::A:B');
    expect(splitDeckName('Biology::Cell structure')).toEqual({ title: 'Cell structure', category: 'Biology' });
    expect(splitDeckName('A::B::C')).toEqual({ title: 'C', category: 'A::B' });
    expect(splitDeckName('Default')).toEqual({ title: null, category: null });
  });

  it("gives a stable deck id within Anki's and JavaScript's integer ranges", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const did = ankiDeckId(id);
        expect(Number.isSafeInteger(did) && did > 1).toBe(true);
        expect(ankiDeckId(id)).toBe(did);
      }),
    );
  });

  it('tags: opendeck, the category and the document, spaces joined', () => {
    expect(noteTags(card('Biology 101.pdf'), deck({ category: 'Life sciences' }))).toEqual([
      'opendeck',
      'Life_sciences',
      'Biology_101.pdf',
    ]);
    expect(noteTags(card(null), deck({ category: null }))).toEqual(['opendeck']);
  });
});

describe('CSV file headers', () => {
  it("reads Anki's headers and leaves the body", () => {
    const { headers, body } = readCsvHeaders('#separator:Semicolon\n#html:true\n#deck:A::B\n#guid column:1\n#tags column:4\nx;y;z;t\n');
    expect(headers).toMatchObject({ separator: ';', html: true, deck: 'A::B', guidColumn: 1, tagsColumn: 4 });
    expect(body).toBe('x;y;z;t\n');
    expect(readCsvHeaders('#separator:|\na|b').headers.separator).toBe('|');
  });

  it('guesses the separator of a file without headers', () => {
    expect(guessSeparator('a\tb\tc\n')).toBe('\t');
    expect(guessSeparator('a;b;c\n')).toBe(';');
    expect(guessSeparator('a,b\n')).toBe(',');
    expect(guessSeparator('single')).toBe('\t');
  });
});

describe('zstd', () => {
  it('inflates a frame and refuses one that outgrows the limit, whatever it declares', () => {
    const data = new TextEncoder().encode('x'.repeat(5000));
    expect(zstdDecompress(zstdStored(data))).toEqual(data);
    expect(() => zstdDecompress(zstdStored(data), 1000)).toThrow(/expand to more than/);
  });
});

describe('export file names', async () => {
  const { exportFilename } = await import('../../../src/infra/exchange/deck-exchange.js');
  it('keep the title, letters of any script included, without what file systems or headers refuse', () => {
    expect(exportFilename('Cell structure', 'apkg')).toBe('Cell-structure.apkg');
    expect(exportFilename('Biología: célula / núcleo', 'csv')).toBe('Biología-célula-núcleo.csv');
    expect(exportFilename('../..\\etc "x"; y\r\n', 'json')).toBe('etc-x-y.json');
    expect(exportFilename('???', 'apkg')).toBe('deck.apkg');
  });
});
