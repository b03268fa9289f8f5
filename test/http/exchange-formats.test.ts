/** CSV and JSON exports read back (csv-parse, JSON.parse) equal the deck; both import back without duplicates; anki21b reads. */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { guidForCard } from '../../src/core/index.js';
import { anki21bPackage } from '../unit/exchange/anki-fixtures.js';
import { exportDeck, importFile, sampleDeck } from './exchange-support.js';
import { buildTestApp, call, expectProblem, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let alice: SignedIn;
let deck: any;
let cards: any[];

const listCards = async (deckId: string) =>
  (await call(app, 'GET', `/api/v1/decks/${deckId}/cards?limit=100`, { token: alice.access })).body.items as any[];
const fromHtml = (s: string) =>
  s
    .replace(/<br>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  alice = await signUp(app);
  deck = (await sampleDeck(app, alice.access)).deck;
  cards = await listCards(deck.id);
});

describe('CSV export', () => {
  let text: string;
  beforeAll(async () => {
    const { res, bytes } = await exportDeck(app, alice.access, deck.id, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  });

  it("starts with Anki's file headers", () => {
    expect(text.split('\n').slice(0, 7)).toEqual([
      '#separator:Tab',
      '#html:true',
      '#notetype:OpenDeck Basic',
      '#deck:Biology::Cell structure',
      '#guid column:1',
      '#tags column:9',
      '#columns:guid\tQuestion\tAnswer\tSource\tPage\tSection\tQuote\tSourceURL\ttags',
    ]);
  });

  it('parsed back with csv-parse, equals the deck, one row per card', () => {
    const rows: string[][] = parse(text.split('\n').slice(7).join('\n'), { delimiter: '\t' });
    expect(rows).toHaveLength(cards.length);
    rows.forEach((row, i) => {
      const card = cards[i];
      const ref = card.source_ref ?? {};
      expect(row).toHaveLength(9);
      expect(row[0]).toBe(guidForCard(card.id));
      expect(row.slice(1, 8).map(fromHtml)).toEqual([
        card.question,
        card.answer,
        card.source,
        ref.page ? String(ref.page) : '',
        ref.section ?? '',
        ref.quote ?? '',
        card.source_url ?? '',
      ]);
      expect(row[8]!.split(' ')[0]).toBe('opendeck');
    });
  });

  it('imports back: same cards, no duplicates', async () => {
    const { bytes } = await exportDeck(app, alice.access, deck.id, 'csv');
    const res = await importFile(app, alice.access, { name: 'deck.csv', bytes });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ deck_id: deck.id, format: 'csv', created: 0, updated: 0, unchanged: cards.length });
    expect(await listCards(deck.id)).toEqual(cards);
  });
});

describe('JSON export', () => {
  it('is the deck and its cards as the API returns them', async () => {
    const { res, bytes } = await exportDeck(app, alice.access, deck.id, 'json');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(new TextDecoder().decode(bytes));
    expect(body).toMatchObject({ format: 'opendeck', version: 1, deck: { id: deck.id, title: 'Cell structure', category: 'Biology' } });
    expect(body.cards).toEqual(cards);
    const again = await importFile(app, alice.access, { name: 'deck.json', bytes });
    expect(again.body).toMatchObject({ deck_id: deck.id, format: 'json', created: 0, updated: 0, unchanged: cards.length });
  });

  it('an edited, newer card in the JSON updates that card only', async () => {
    const body = JSON.parse(new TextDecoder().decode((await exportDeck(app, alice.access, deck.id, 'json')).bytes));
    body.cards[0].answer = 'Edited in JSON';
    body.cards[0].updated_at = new Date(Date.now() + 60_000).toISOString();
    const res = await importFile(app, alice.access, { name: 'deck.json', bytes: JSON.stringify(body) });
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: cards.length - 1 });
    expect((await listCards(deck.id))[0].answer).toBe('Edited in JSON');
  });
});

describe('other inputs', () => {
  it('a plain CSV with a header row becomes a new deck; cards without a source cite the file; a second import adds nothing', async () => {
    const csv =
      'question,answer,source\n"What is a cell?","The unit of life",\n"Comma, inside?","Yes, ""quoted""",Book p. 3\n,no question,\n';
    const first = await importFile(app, alice.access, { name: 'my notes.csv', bytes: csv });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      deck_created: true,
      created: 2,
      skipped: 1,
      skipped_notes: [{ row: 3, reason: 'the question is empty' }],
    });
    const imported = await listCards(first.body.deck_id);
    expect(imported.map((c) => [c.question, c.answer, c.source])).toEqual([
      ['What is a cell?', 'The unit of life', 'Imported from my notes.csv'],
      ['Comma, inside?', 'Yes, "quoted"', 'Book p. 3'],
    ]);
    const deckRes = await call(app, 'GET', `/api/v1/decks/${first.body.deck_id}`, { token: alice.access });
    expect(deckRes.body.title).toBe('my notes');
    const second = await importFile(app, alice.access, { name: 'my notes.csv', bytes: csv });
    expect(second.body).toMatchObject({ deck_id: first.body.deck_id, created: 0, unchanged: 2 });
  });

  it('reads the zstd-compressed collection.anki21b of current Anki (Front/Back note type), counting media', async () => {
    const pkg = anki21bPackage([
      { guid: 'x1Y2z3', mod: 1_700_000_000, fields: ['hola', 'hello'] },
      { guid: 'x1Y2z4', mod: 1_700_000_000, fields: ['<b>gato</b>', 'cat&nbsp;(animal)'] },
    ]);
    const res = await importFile(app, alice.access, { name: 'Spanish.colpkg', bytes: pkg });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ format: 'colpkg', deck_created: true, created: 2, media_ignored: 1 });
    const imported = await listCards(res.body.deck_id);
    expect(imported.map((c) => [c.question, c.answer])).toEqual([
      ['hola', 'hello'],
      ['gato', 'cat (animal)'],
    ]);
    const deckRes = await call(app, 'GET', `/api/v1/decks/${res.body.deck_id}`, { token: alice.access });
    expect(deckRes.body).toMatchObject({ title: 'Spanish', category: 'Languages' });
    const again = await importFile(app, alice.access, { name: 'Spanish.colpkg', bytes: pkg });
    expect(again.body).toMatchObject({ deck_id: res.body.deck_id, created: 0, unchanged: 2 });
  });

  it('an unknown export format is a 422 naming the field', async () => {
    const res = await call(app, 'GET', `/api/v1/decks/${deck.id}/export?format=xlsx`, { token: alice.access });
    expect(expectProblem(res, 422, 'validation').errors).toEqual([{ path: 'format', message: 'must be one of: apkg, csv, json' }]);
  });

  it("another user's deck and a malformed id are 404 for every format", async () => {
    const bob = await signUp(app);
    for (const format of ['apkg', 'csv', 'json']) {
      expectProblem(await call(app, 'GET', `/api/v1/decks/${deck.id}/export?format=${format}`, { token: bob.access }), 404, 'not_found');
      expectProblem(await call(app, 'GET', `/api/v1/decks/nope/export?format=${format}`, { token: bob.access }), 404, 'not_found');
    }
    expectProblem(await call(app, 'GET', `/api/v1/decks/${deck.id}/export`), 401, 'unauthorized');
  });
});
