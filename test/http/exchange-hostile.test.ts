/** Hostile and broken imports: each is a clear 4xx problem, never a 500, and nothing is written. */
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SQL, zstdStored } from '../unit/exchange/anki-fixtures.js';
import { exportDeck, importFile, sampleDeck } from './exchange-support.js';
import { buildTestApp, call, expectProblem, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let alice: SignedIn;
let apkg: Uint8Array;

beforeAll(async () => {
  alice = await signUp(app);
  const { deck } = await sampleDeck(app, alice.access);
  apkg = (await exportDeck(app, alice.access, deck.id, 'apkg')).bytes;
});

function sqlite(setup: string): Uint8Array {
  const db = new SQL.Database();
  db.exec(setup);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A zip whose local and central headers claim a 4 GB entry for a few bytes of data. */
function lyingZip(): Uint8Array {
  const bytes = zipSync({ 'collection.anki21': new Uint8Array(2000) });
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bytes.length - 4; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
  }
  return bytes;
}

/** A real bomb: 16 MB of zeros deflated to ~16 KB (a ratio no deck has). */
function zeroBomb(): Uint8Array {
  return zipSync({ 'collection.anki21': new Uint8Array(16 * 1024 * 1024) }, { level: 1 });
}

type Bytes = Uint8Array | string;
const CASES: [string, { name: string; bytes: Bytes | (() => Bytes) }, number, string][] = [
  ['an empty file', { name: 'x.apkg', bytes: '' }, 422, 'validation'],
  ['an .apkg that is not a zip (wrong magic)', { name: 'deck.apkg', bytes: 'SQLite format 3\u0000 not really' }, 422, 'unprocessable'],
  ['a truncated package', { name: 'deck.apkg', bytes: () => apkg.subarray(0, Math.floor(apkg.length / 2)) }, 422, 'unprocessable'],
  [
    'a zip with no collection in it',
    { name: 'deck.apkg', bytes: zipSync({ 'readme.txt': new TextEncoder().encode('hi') }) },
    422,
    'unprocessable',
  ],
  [
    'a collection that is not SQLite',
    { name: 'deck.apkg', bytes: zipSync({ 'collection.anki21': new TextEncoder().encode('just text') }) },
    422,
    'unprocessable',
  ],
  [
    'an SQLite file that is not an Anki collection',
    { name: 'deck.apkg', bytes: zipSync({ 'collection.anki21': sqlite('CREATE TABLE users (id int); INSERT INTO users VALUES (1);') }) },
    422,
    'unprocessable',
  ],
  [
    'a collection with garbage JSON in col.models',
    {
      name: 'deck.apkg',
      bytes: zipSync({
        'collection.anki21': sqlite(
          "CREATE TABLE col (models text, decks text); INSERT INTO col VALUES ('{nope', '{}'); CREATE TABLE notes (id, guid, mid, mod, flds); CREATE TABLE cards (nid, did);",
        ),
      }),
    },
    422,
    'unprocessable',
  ],
  // A view that never ends would hang the event loop (sql.js is synchronous) if it were queried.
  [
    'a collection whose "notes" is an endless recursive view',
    {
      name: 'deck.apkg',
      bytes: zipSync({
        'collection.anki21': sqlite(
          'CREATE TABLE col (models text, decks text); CREATE TABLE cards (nid, did); CREATE VIEW notes AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x AS id FROM r;',
        ),
      }),
    },
    422,
    'unprocessable',
  ],
  ['a damaged SQLite database', { name: 'deck.apkg', bytes: zipSync({ 'collection.anki21': corruptSqlite() }) }, 422, 'unprocessable'],
  [
    'a damaged zstd collection',
    { name: 'deck.colpkg', bytes: zipSync({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]) }) },
    422,
    'unprocessable',
  ],
  [
    'a zstd collection that is not SQLite',
    { name: 'deck.colpkg', bytes: zipSync({ 'collection.anki21b': zstdStored(new TextEncoder().encode('hello')) }) },
    422,
    'unprocessable',
  ],
  // Both are refused from what the zip declares, before anything is inflated (the ratio rule of DOCX uploads).
  ['a zip whose headers declare a 4 GB entry', { name: 'deck.apkg', bytes: lyingZip }, 422, 'unprocessable'],
  ['a zip bomb (16 MB of zeros)', { name: 'bomb.apkg', bytes: zeroBomb }, 422, 'unprocessable'],
  ['an executable', { name: 'setup.exe', bytes: 'MZ\u0090\u0000' }, 415, 'unsupported_media_type'],
  ['a zip with a .docx name', { name: 'notes.docx', bytes: () => apkg }, 415, 'unsupported_media_type'],
  ['binary bytes named .csv', { name: 'x.csv', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0x00]) }, 422, 'unprocessable'],
  ['malformed JSON', { name: 'deck.json', bytes: '{"cards": [' }, 422, 'unprocessable'],
  ['JSON of another shape', { name: 'deck.json', bytes: '{"hello": "world"}' }, 422, 'unprocessable'],
  ['a CSV with an unclosed quote', { name: 'x.csv', bytes: 'question,answer\n"open,never closed\n' }, 422, 'unprocessable'],
];

function corruptSqlite(): Uint8Array {
  const bytes = sqlite(
    `CREATE TABLE col (x); CREATE TABLE notes (x); CREATE TABLE cards (x);${'INSERT INTO notes VALUES (randomblob(3000));'.repeat(20)}`,
  );
  bytes.fill(0xab, 100, 4096 * 2);
  return bytes;
}

describe('POST /decks/import refuses broken and hostile files', () => {
  it.each(CASES.map(([name, file, status, code]) => ({ name, file, status, code })))(
    '$name: $status $code',
    async ({ name, file, status, code }) => {
      const bytes = typeof file.bytes === 'function' ? file.bytes() : file.bytes;
      const decks = (await call(app, 'GET', '/api/v1/decks', { token: alice.access })).body.total;
      const res = await importFile(app, alice.access, { name: file.name, bytes });
      const problem = expectProblem(res, status, code);
      if (/bomb|4 GB/.test(name)) expect(problem.detail).toMatch(/zip bomb/);
      expect((await call(app, 'GET', '/api/v1/decks', { token: alice.access })).body.total).toBe(decks);
    },
  );

  it('is 415 without multipart, 422 without a file part or with two, 401 without a token', async () => {
    expectProblem(
      await call(app, 'POST', '/api/v1/decks/import', { token: alice.access, body: { file: 'x' } }),
      415,
      'unsupported_media_type',
    );
    const empty = new FormData();
    empty.append('deck_id', '');
    const res = await app.request('/api/v1/decks/import', {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.access}` },
      body: empty,
    });
    expect(res.status).toBe(422);
    const two = new FormData();
    two.append('file', new File(['a,b'], 'a.csv'));
    two.append('file', new File(['a,b'], 'b.csv'));
    expect(
      (await app.request('/api/v1/decks/import', { method: 'POST', headers: { Authorization: `Bearer ${alice.access}` }, body: two }))
        .status,
    ).toBe(422);
    expect((await importFile(app, '', { name: 'a.csv', bytes: 'a,b' })).status).toBe(401);
  });

  it('is 413 above the import limit, before the file is read', async () => {
    const { app: small } = buildTestApp({
      ports: {
        exchange: (await import('../../src/infra/exchange/deck-exchange.js')).createDeckExchange({ maxImportBytes: 1024 }),
      } as never,
    });
    const bob = await signUp(small);
    const res = await importFile(small, bob.access, { name: 'big.csv', bytes: `question,answer\n${'x,y\n'.repeat(1000)}` });
    expectProblem(res, 413, 'payload_too_large');
  });
});
