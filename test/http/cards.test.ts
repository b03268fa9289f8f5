import { beforeAll, describe, expect, it } from 'vitest';
import { CARD, buildTestApp, call, createCard, createDeck, expectProblem, isIsoUtc, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let user: SignedIn;
let deckId: string;
beforeAll(async () => {
  user = await signUp(app);
  deckId = (await createDeck(app, user.access)).id;
});

const postCard = (body: unknown, deck = deckId) => call(app, 'POST', `/api/v1/decks/${deck}/cards`, { token: user.access, body });
const putCard = (id: string, body: unknown) => call(app, 'PUT', `/api/v1/cards/${id}`, { token: user.access, body });
const get = (path: string) => call(app, 'GET', path, { token: user.access });

const CARD_KEYS = [
  'answer',
  'created_at',
  'deck_id',
  'id',
  'quality_flags',
  'question',
  'source',
  'source_ref',
  'source_url',
  'updated_at',
];

describe('card CRUD', () => {
  it('creates (201), reads, lists, updates and deletes (204) a card; no user_id in responses', async () => {
    const sourceRef = { document_name: 'Biology101.pdf', page: 3, section: '1.2', quote: 'ATP is the energy currency.' };
    const created = await postCard({ ...CARD, source_url: 'https://example.edu/bio.pdf', source_ref: sourceRef });
    expect(created.status).toBe(201);
    const card = created.body;
    expect(Object.keys(card).sort()).toEqual(CARD_KEYS);
    expect(card).toMatchObject({ ...CARD, deck_id: deckId, source_url: 'https://example.edu/bio.pdf' });
    expect(card.source_ref).toEqual({ document_id: null, ...sourceRef });
    expect(isIsoUtc(card.created_at)).toBe(true);

    expect((await get(`/api/v1/cards/${card.id}`)).body).toEqual(card);
    const list = await get(`/api/v1/decks/${deckId}/cards`);
    expect(list.body).toMatchObject({ limit: 20, offset: 0 });
    expect(list.body.items.some((c: any) => c.id === card.id)).toBe(true);
    expect(list.body.items.every((c: any) => !('user_id' in c))).toBe(true);

    const updated = await putCard(card.id, { answer: 'Adenosine triphosphate.' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...card, answer: 'Adenosine triphosphate.', updated_at: expect.any(String) });

    const deleted = await call(app, 'DELETE', `/api/v1/cards/${card.id}`, { token: user.access });
    expect(deleted.status).toBe(204);
    expectProblem(await get(`/api/v1/cards/${card.id}`), 404, 'not_found');
  });

  it('PUT changes only the fields given; source can be replaced but not cleared', async () => {
    const card = await createCard(app, user.access, deckId, { ...CARD, source_url: 'http://example.edu/x' });
    const res = await putCard(card.id, { question: 'New question?' });
    expect(res.body).toMatchObject({
      question: 'New question?',
      answer: CARD.answer,
      source: CARD.source,
      source_url: 'http://example.edu/x',
    });
    expect((await putCard(card.id, { source_url: null })).body.source_url).toBeNull();
    expect(expectProblem(await putCard(card.id, { source: '  ' }), 422, 'validation').errors?.[0]?.path).toBe('source');
    expect(expectProblem(await putCard(card.id, { source: null }), 422, 'validation').errors?.[0]?.path).toBe('source');
    expect((await get(`/api/v1/cards/${card.id}`)).body.source).toBe(CARD.source);
  });

  it('lists cards oldest first with pagination; 422 on a bad limit', async () => {
    const deck = await createDeck(app, user.access);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createCard(app, user.access, deck.id, { ...CARD, question: `Q${i}` })).id);
    const all = await get(`/api/v1/decks/${deck.id}/cards`);
    expect(all.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(all.body.items.map((c: any) => c.id)).toEqual(ids);
    const page = await get(`/api/v1/decks/${deck.id}/cards?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: ids[1] }] });
    for (const q of ['limit=0', 'limit=101']) expectProblem(await get(`/api/v1/decks/${deck.id}/cards?${q}`), 422, 'validation');
  });

  it('a card for a deck that does not exist is 404', async () => {
    expectProblem(await postCard(CARD, '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f'), 404, 'not_found');
    expectProblem(await get('/api/v1/decks/3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f/cards'), 404, 'not_found');
  });
});

describe('card field limits', () => {
  const cases: [string, Record<string, unknown>, number | string][] = [
    ['question of 5000', { question: 'q'.repeat(5000) }, 201],
    ['question of 5001', { question: 'q'.repeat(5001) }, 'question'],
    ['blank question', { question: ' ' }, 'question'],
    ['answer of 10000', { answer: 'a'.repeat(10000) }, 201],
    ['answer of 10001', { answer: 'a'.repeat(10001) }, 'answer'],
    ['source of 500', { source: 's'.repeat(500) }, 201],
    ['source of 501', { source: 's'.repeat(501) }, 'source'],
    ['blank source', { source: '   ' }, 'source'],
    ['missing source', { source: undefined }, 'source'],
    ['https source_url', { source_url: 'https://example.edu/a.pdf' }, 201],
    ['ftp source_url', { source_url: 'ftp://example.edu/a.pdf' }, 'source_url'],
    ['javascript source_url', { source_url: 'javascript:alert(1)' }, 'source_url'],
    ['not a URL', { source_url: 'not a url' }, 'source_url'],
    ['source_ref page 0', { source_ref: { page: 0 } }, 'source_ref.page'],
    ['source_ref page not a number', { source_ref: { page: 'three' } }, 'source_ref.page'],
    ['source_ref document_id not a uuid', { source_ref: { document_id: 'abc' } }, 'source_ref.document_id'],
  ];
  it.each(cases)('%s -> %s', async (_name, patch, expected) => {
    const res = await postCard({ ...CARD, ...patch });
    if (expected === 201) return expect(res.status).toBe(201);
    const problem = expectProblem(res, 422, 'validation');
    expect(problem.errors).toEqual([{ path: expected, message: expect.any(String) }]);
    expect(problem.errors![0]!.message).not.toMatch(/Invalid input|expected/);
  });

  it('lists one entry per bad field', async () => {
    const problem = expectProblem(await postCard({ question: '', answer: 'a'.repeat(10001), source_url: 'ftp://x' }), 422, 'validation');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['answer', 'question', 'source', 'source_url']);
    expect(problem.errors?.find((e) => e.path === 'source')?.message).toBe('is required');
  });
});
