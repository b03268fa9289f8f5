/** The exported .apkg opened as Anki opens it: schema 11 invariants, every field of every note and card. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { guidForCard } from '../../src/core/index.js';
import { openApkg, query, type OpenedPackage } from '../unit/exchange/anki-fixtures.js';
import { exportDeck, sampleDeck } from './exchange-support.js';
import { buildTestApp, call, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let alice: SignedIn;
let deckId: string;
let cards: any[];
let pkg: OpenedPackage;
let headers: Headers;

const FIELDS = ['Question', 'Answer', 'Source', 'Page', 'Section', 'Quote', 'SourceURL'];
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '<br>');

beforeAll(async () => {
  alice = await signUp(app);
  const sample = await sampleDeck(app, alice.access);
  deckId = sample.deck.id;
  cards = (await call(app, 'GET', `/api/v1/decks/${deckId}/cards?limit=100`, { token: alice.access })).body.items;
  const { res, bytes } = await exportDeck(app, alice.access, deckId, 'apkg');
  expect(res.status).toBe(200);
  headers = res.headers;
  pkg = openApkg(bytes);
});

describe('GET /decks/{id}/export?format=apkg', () => {
  it('is a download named after the deck', () => {
    expect(headers.get('content-type')).toBe('application/apkg');
    expect(headers.get('content-disposition')).toContain('Cell-structure.apkg');
    expect(headers.get('cache-control')).toBe('private, no-store');
  });

  it('holds collection.anki21 and an empty media list', () => {
    expect(Object.keys(pkg.files).sort()).toEqual(['collection.anki21', 'media']);
    expect(new TextDecoder().decode(pkg.files.media)).toBe('{}');
  });

  it('has the schema 11 tables, version 11 and one col row', () => {
    const tables = query(pkg.db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    const col = query(pkg.db, 'SELECT * FROM col');
    expect(col).toHaveLength(1);
    expect(col[0]!.ver).toBe(11);
    expect(query(pkg.db, 'SELECT count(*) AS n FROM revlog')[0]!.n).toBe(0);
    expect(query(pkg.db, 'SELECT count(*) AS n FROM graves')[0]!.n).toBe(0);
  });

  it('keeps the OpenDeck Basic note type in col.models with its fixed id, field order and templates', () => {
    const models = JSON.parse(query(pkg.db, 'SELECT models FROM col')[0]!.models);
    const [model] = Object.values(models) as any[];
    expect(Object.keys(models)).toEqual([String(model.id)]);
    expect(model.id).toBe(1_733_000_000_013);
    expect(model.name).toBe('OpenDeck Basic');
    expect(model.type).toBe(0);
    // Fixed, so a student's own template edits in Anki are not overwritten by every re-import.
    expect(model.mod).toBe(1_733_000_000);
    expect(model.flds.map((f: any) => [f.ord, f.name])).toEqual(FIELDS.map((name, i) => [i, name]));
    expect(model.tmpls).toHaveLength(1);
    expect(model.tmpls[0].qfmt).toContain('{{Question}}');
    for (const part of ['{{Answer}}', '{{Source}}', '{{Quote}}', '{{SourceURL}}']) expect(model.tmpls[0].afmt).toContain(part);
    expect(model.req).toEqual([[0, 'all', [0]]]);
  });

  it("names the deck Category::Title in col.decks, beside Anki's Default deck", () => {
    const decks = JSON.parse(query(pkg.db, 'SELECT decks FROM col')[0]!.decks);
    const names = Object.values(decks)
      .map((d: any) => d.name)
      .sort();
    expect(names).toEqual(['Biology::Cell structure', 'Default']);
    for (const [key, deck] of Object.entries(decks) as [string, any][]) expect(String(deck.id)).toBe(key);
    expect(JSON.parse(query(pkg.db, 'SELECT dconf FROM col')[0]!.dconf)['1']).toBeDefined();
  });

  it('writes one note per card: GUID from the card id, mod from updated_at, escaped fields, sfld, csum and tags', () => {
    const notes = query(pkg.db, 'SELECT * FROM notes ORDER BY id');
    expect(notes).toHaveLength(cards.length);
    const byGuid = new Map(notes.map((n) => [n.guid, n]));
    for (const card of cards) {
      const note = byGuid.get(guidForCard(card.id))!;
      expect(note, card.question).toBeDefined();
      expect(note.mid).toBe(1_733_000_000_013);
      expect(note.mod).toBe(Math.floor(Date.parse(card.updated_at) / 1000));
      const ref = card.source_ref ?? {};
      expect(note.flds.split('\x1f')).toEqual([
        html(card.question),
        html(card.answer),
        html(card.source),
        ref.page ? String(ref.page) : '',
        html(ref.section ?? ''),
        html(ref.quote ?? ''),
        html(card.source_url ?? ''),
      ]);
      // Anki's checksum: first field without HTML, sha1, first 8 hex digits. Our fields hold escaped text, so that is the question.
      const expected = Number.parseInt(createHash('sha1').update(card.question.replace(/\n/g, '')).digest('hex').slice(0, 8), 16);
      expect(note.csum).toBe(expected);
      expect(String(note.sfld)).toBe(card.question.replace(/\n/g, ''));
      const tags = note.tags.trim().split(' ');
      expect(tags[0]).toBe('opendeck');
      expect(tags).toContain('Biology');
      if (ref.document_name) expect(tags).toContain('Biology_101.pdf');
      expect(note.usn).toBe(-1);
      expect(note.flags).toBe(0);
    }
  });

  it("writes one new card per note, in the exported deck, with ids in Anki's ranges", () => {
    const decks = JSON.parse(query(pkg.db, 'SELECT decks FROM col')[0]!.decks);
    const did = Number((Object.values(decks) as any[]).find((d) => d.name === 'Biology::Cell structure').id);
    const rows = query(pkg.db, 'SELECT c.*, n.id AS note_id FROM cards c LEFT JOIN notes n ON n.id = c.nid ORDER BY c.due');
    expect(rows).toHaveLength(cards.length);
    rows.forEach((row, i) => {
      expect(row.note_id).toBe(row.nid);
      expect(row.did).toBe(did);
      expect([row.ord, row.type, row.queue, row.ivl, row.reps, row.lapses]).toEqual([0, 0, 0, 0, 0, 0]);
      expect(row.due).toBe(i + 1);
    });
    const ids = [...rows.map((r) => r.id), ...query(pkg.db, 'SELECT id FROM notes').map((r) => r.id), did];
    for (const id of ids) {
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(id).toBeGreaterThan(1);
    }
    const conf = JSON.parse(query(pkg.db, 'SELECT conf FROM col')[0]!.conf);
    expect(conf.nextPos).toBe(cards.length + 1);
  });

  it('gives the same GUIDs, note type id and deck id on a second export (Anki sees the same notes)', async () => {
    const again = openApkg((await exportDeck(app, alice.access, deckId, 'apkg')).bytes);
    const guids = (p: OpenedPackage) => query(p.db, 'SELECT guid FROM notes ORDER BY guid').map((r) => r.guid);
    expect(guids(again)).toEqual(guids(pkg));
    const decks = (p: OpenedPackage) => Object.keys(JSON.parse(query(p.db, 'SELECT decks FROM col')[0]!.decks)).sort();
    expect(decks(again)).toEqual(decks(pkg));
  });

  it('exports an empty deck as a valid package with no notes', async () => {
    const empty = await call(app, 'POST', '/api/v1/decks', { token: alice.access, body: { title: 'Empty' } });
    const opened = openApkg((await exportDeck(app, alice.access, empty.body.id, 'apkg')).bytes);
    expect(query(opened.db, 'SELECT count(*) AS n FROM notes')[0]!.n).toBe(0);
    expect(query(opened.db, 'SELECT ver FROM col')[0]!.ver).toBe(11);
  });
});
