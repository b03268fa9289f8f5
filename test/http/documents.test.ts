/** The document routes after upload: list, get, status (one and batch), generate, delete, download. */
import { beforeAll, describe, expect, it } from 'vitest';
import { englishNotesMarkdown, englishNotesTxt, pdfWithOutline } from '../fixtures/index.js';
import { buildDocumentTestApp, GatedGenerator, generatorRegistry, send, uploadOne } from './documents-support.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { call, createDeck, expectProblem, isIsoUtc, signUp, type SignedIn } from './support.js';

const gated = new GatedGenerator();
const t = buildDocumentTestApp({ generators: generatorRegistry(new OfflineCardGenerator(), gated) });
const { app } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
const get = (path: string) => call(app, 'GET', `/api/v1${path}`, { token: user.access });
const generate = (id: string, body?: unknown, headers?: Record<string, string>) =>
  call(app, 'POST', `/api/v1/documents/${id}/generate`, { token: user.access, body, headers });
const uploadNotes = async (name = 'notes.txt', bytes = englishNotesTxt()) =>
  (await uploadOne(app, user.access, { name, bytes })).documents[0];

const STATUS_KEYS = [
  'cards_generated',
  'cards_rejected',
  'deck_id',
  'detail',
  'error_message',
  'id',
  'page_count',
  'pages_with_cards',
  'processed_at',
  'progress',
  'rejections',
  'sections_with_cards',
  'status',
  'updated_at',
];

describe('list, get and status', () => {
  let lister: SignedIn;
  const ids: string[] = [];
  beforeAll(async () => {
    lister = await signUp(app);
    for (const name of ['one.txt', 'two.txt', 'three.txt']) ids.push((await uploadOneFor(lister, name)).id);
  });
  const uploadOneFor = async (who: SignedIn, name: string) =>
    (await uploadOne(app, who.access, { name, bytes: englishNotesTxt() })).documents[0];
  const list = (query = '') => call(app, 'GET', `/api/v1/documents${query}`, { token: lister.access });

  it('lists own documents newest first in the pagination envelope', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(res.body.items.map((d: any) => d.id)).toEqual([...ids].reverse());
    expect(res.body.items[0]).not.toHaveProperty('storage_key');
    expect((await list('?limit=1&offset=1')).body).toMatchObject({ total: 3, items: [{ id: ids[1] }] });
    expect(expectProblem(await list('?limit=101'), 422, 'validation').errors?.map((e) => e.path)).toEqual(['limit']);
  });

  it('the status view is the small polling shape', async () => {
    const res = await call(app, 'GET', `/api/v1/documents/${ids[0]}/status`, { token: lister.access });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(STATUS_KEYS);
    expect(res.body).toMatchObject({ id: ids[0], status: 'uploaded', progress: 0, processed_at: null });
    expect(isIsoUtc(res.body.updated_at)).toBe(true);
  });

  it('batch status is a bare array in the order asked; foreign, unknown and malformed ids are left out', async () => {
    const foreign = await uploadNotes();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const query = [ids[2], foreign.id, unknown, 'not-an-id', ids[0], ids[2]].join(',');
    const res = await call(app, 'GET', `/api/v1/documents/status?document_ids=${query}`, { token: lister.access });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((s: any) => s.document_id)).toEqual([ids[2], ids[0]]);
    expect(Object.keys(res.body[0]).sort()).toEqual([...STATUS_KEYS, 'document_id', 'filename'].sort());
    expect(res.body[0]).toMatchObject({ id: ids[2], filename: 'three.txt', status: 'uploaded', progress: 0 });
  });

  it('batch status finds ids asked in upper case', async () => {
    const res = await call(app, 'GET', `/api/v1/documents/status?document_ids=${ids[1]!.toUpperCase()}`, { token: lister.access });
    expect(res.body.map((s: any) => s.document_id)).toEqual([ids[1]]);
  });

  it('batch status needs 1 to 50 ids', async () => {
    const ask = (q: string) => call(app, 'GET', `/api/v1/documents/status${q}`, { token: lister.access });
    for (const q of ['', '?document_ids=', '?document_ids=,,']) {
      expect(expectProblem(await ask(q), 422, 'validation').errors?.map((e) => e.path)).toEqual(['document_ids']);
    }
    const many = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectProblem(await ask(`?document_ids=${many.join(',')}`), 422, 'validation');
    expect((await ask(`?document_ids=${many.slice(0, 50).join(',')}`)).body).toEqual([]);
  });
});

describe('generate', () => {
  it('202 with the pending document; a new deck named after the file when no body is sent', async () => {
    const doc = await uploadNotes('Psychology 101.txt');
    const res = await call(app, 'POST', `/api/v1/documents/${doc.id}/generate`, { token: user.access });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: doc.id, status: 'pending', generation: { provider: 'offline', max_cards: 20 } });
    expect((await get(`/decks/${res.body.deck_id}`)).body.title).toBe('Psychology 101');
    await t.queue.drain();
    const done = (await get(`/documents/${doc.id}`)).body;
    expect(done.status).toBe('completed');
    // Coverage and rejections by reason (issue 15): a text file has sections but no pages.
    expect(done).toMatchObject({ pages_with_cards: 0, rejections: expect.any(Object) });
    expect(done.sections_with_cards).toBeGreaterThan(0);
    expect(done.cards_rejected).toBe(Object.values(done.rejections as Record<string, number>).reduce((a, b) => a + b, 0));
    const cards = (await get(`/decks/${res.body.deck_id}/cards?limit=100`)).body.items as { quality_flags: unknown }[];
    expect(cards.length).toBe(done.cards_generated);
    for (const card of cards) expect(card.quality_flags).toEqual([]);
  });

  it('into an own deck, with max_cards and language; again after completion', async () => {
    const deck = await createDeck(app, user.access, { title: 'Mine' });
    const doc = await uploadNotes('data.md', englishNotesMarkdown());
    const res = await generate(doc.id, { deck_id: deck.id, max_cards: 2, language: 'EN' });
    expect(res.status).toBe(202);
    expect(res.body.generation).toMatchObject({ deck_id: deck.id, max_cards: 2, language: 'en' });
    await t.queue.drain();
    expect((await get(`/documents/${doc.id}`)).body.cards_generated).toBeLessThanOrEqual(2);
    expect((await generate(doc.id, { title: 'Second deck' })).status).toBe(202);
    await t.queue.drain();
  });

  it('while generating: 409 for generate and delete, and the run still completes', async () => {
    const doc = await uploadNotes();
    expect((await generate(doc.id, { provider: 'gated' })).status).toBe(202);
    expect(expectProblem(await generate(doc.id, {}), 409, 'conflict').detail).toMatch(/already/);
    // The gated generator holds the job in `processing`; wait until it gets there.
    while ((await get(`/documents/${doc.id}/status`)).body.status !== 'processing') await new Promise((r) => setTimeout(r, 5));
    expectProblem(await generate(doc.id, {}), 409, 'conflict');
    expectProblem(await call(app, 'DELETE', `/api/v1/documents/${doc.id}`, { token: user.access }), 409, 'conflict');
    gated.open();
    await t.queue.drain();
    expect((await get(`/documents/${doc.id}`)).body).toMatchObject({ status: 'completed', generation: { provider: 'gated' } });
  });

  it.each([
    [{ max_cards: 0 }, 'max_cards'],
    [{ max_cards: 1001 }, 'max_cards'],
    [{ language: 'english' }, 'language'],
    [{ deck_id: 'nope' }, 'deck_id'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ provider: 'nobody' }, 'provider'],
  ])('%j is a 422 naming %s, and nothing is queued', async (body, field) => {
    const doc = await uploadNotes();
    expect(expectProblem(await generate(doc.id, body), 422, 'validation').errors?.map((e) => e.path)).toEqual([field]);
    expect((await get(`/documents/${doc.id}`)).body.status).toBe('uploaded');
  });

  it('deck_id together with new-deck fields is a 422; an unknown deck is a 404', async () => {
    const doc = await uploadNotes();
    const deck = await createDeck(app, user.access);
    expectProblem(await generate(doc.id, { deck_id: deck.id, title: 'Both' }), 422, 'validation');
    expectProblem(await generate(doc.id, { deck_id: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
  });

  it('a body that is not JSON is a 415; malformed JSON is a 400', async () => {
    const doc = await uploadNotes();
    expectProblem(await generate(doc.id, 'max_cards=3', { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type');
    const res = await send(app, 'POST', `/api/v1/documents/${doc.id}/generate`, {
      token: user.access,
      body: '{"max_cards":',
      headers: { 'Content-Type': 'application/json' },
    });
    expectProblem(res, 400, 'bad_request');
  });
});

describe('delete', () => {
  it('removes the document and its file; cards made from it keep their source text', async () => {
    const body = await uploadOne(app, user.access, { name: 'Cells.pdf', bytes: await pdfWithOutline() }, { metadata: { title: 'Cells' } });
    await t.queue.drain();
    const id = body.document_ids[0]!;
    const cardsBefore = (await get(`/decks/${body.deck_id}/cards?limit=100`)).body.items;
    expect(cardsBefore.length).toBeGreaterThan(0);
    const filesBefore = t.storage.size;

    const res = await call(app, 'DELETE', `/api/v1/documents/${id}`, { token: user.access });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(t.storage.size).toBe(filesBefore - 1);
    expectProblem(await get(`/documents/${id}`), 404, 'not_found');
    expectProblem(await send(app, 'GET', `/api/v1/documents/${id}/file`, { token: user.access }), 404, 'not_found');
    expectProblem(await call(app, 'DELETE', `/api/v1/documents/${id}`, { token: user.access }), 404, 'not_found');

    const cardsAfter = (await get(`/decks/${body.deck_id}/cards?limit=100`)).body.items;
    expect(cardsAfter).toEqual(cardsBefore);
    expect(cardsAfter.every((c: any) => c.source.startsWith('Cells.pdf') && c.source_ref.quote)).toBe(true);
  });
});

describe('download', () => {
  it('the original bytes with the detected type, length, attachment disposition and nosniff', async () => {
    const bytes = await pdfWithOutline();
    const doc = (await uploadOne(app, user.access, { name: 'Cells.pdf', bytes, type: 'text/html' })).documents[0];
    const res = await send(app, 'GET', `/api/v1/documents/${doc.id}/file`, { token: user.access });
    expect(res.status).toBe(200);
    expect(res.bytes).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Cells.pdf"; filename*=UTF-8''Cells.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('a name with quotes and non-ASCII characters: exact in filename*, safe ASCII in filename', async () => {
    const name = 'Résumé "final" – 生物学 (v2)*.md';
    const doc = (await uploadOne(app, user.access, { name, bytes: englishNotesMarkdown() })).documents[0];
    expect(doc.filename).toBe(name);
    const res = await send(app, 'GET', `/api/v1/documents/${doc.id}/file`, { token: user.access });
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const header = res.headers.get('content-disposition')!;
    const match = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(header);
    expect(match, header).not.toBeNull();
    expect(match![1]).toBe('R_sum_ _final_ _ ___ (v2)*.md');
    expect(decodeURIComponent(match![2]!)).toBe(name);
  });
});
