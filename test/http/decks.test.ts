import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createCard, createDeck, expectProblem, isIsoUtc, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});

const post = (body: unknown) => call(app, 'POST', '/api/v1/decks', { token: user.access, body });
const put = (id: string, body: unknown) => call(app, 'PUT', `/api/v1/decks/${id}`, { token: user.access, body });
const get = (path: string) => call(app, 'GET', path, { token: user.access });

describe('deck CRUD', () => {
  it('creates (201), reads, updates and deletes (204) a deck', async () => {
    const created = await post({ title: '  Cell biology ', description: 'Organelles', category: 'Biology', difficulty: 'BeGiNnEr' });
    expect(created.status).toBe(201);
    const deck = created.body;
    expect(Object.keys(deck).sort()).toEqual([
      'card_count',
      'category',
      'created_at',
      'description',
      'difficulty',
      'id',
      'title',
      'updated_at',
      'user_id',
    ]);
    expect(deck).toMatchObject({ title: 'Cell biology', difficulty: 'beginner', card_count: 0, user_id: user.userId });
    expect(isIsoUtc(deck.created_at) && isIsoUtc(deck.updated_at)).toBe(true);

    expect((await get(`/api/v1/decks/${deck.id}`)).body).toEqual(deck);

    const updated = await put(deck.id, { title: 'Cells' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...deck, title: 'Cells', updated_at: expect.any(String) });

    const deleted = await call(app, 'DELETE', `/api/v1/decks/${deck.id}`, { token: user.access });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await get(`/api/v1/decks/${deck.id}`), 404, 'not_found');
    expectProblem(await call(app, 'DELETE', `/api/v1/decks/${deck.id}`, { token: user.access }), 404, 'not_found');
  });

  it('PUT changes only the fields given; null clears an optional field', async () => {
    const deck = await createDeck(app, user.access, { title: 'T', description: 'D', category: 'C', difficulty: 'advanced' });
    const onlyCategory = await put(deck.id, { category: 'Chemistry' });
    expect(onlyCategory.body).toMatchObject({ title: 'T', description: 'D', category: 'Chemistry', difficulty: 'advanced' });
    const cleared = await put(deck.id, { description: null, difficulty: 'Intermediate' });
    expect(cleared.body).toMatchObject({ title: 'T', description: null, category: 'Chemistry', difficulty: 'intermediate' });
    const nothing = await put(deck.id, {});
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({ title: 'T', description: null, category: 'Chemistry' });
    expectProblem(await put(deck.id, { title: '' }), 422, 'validation');
  });

  it('card_count stays exact through card creates, deletes and deck deletion', async () => {
    const deck = await createDeck(app, user.access);
    const cards = [];
    for (let i = 0; i < 3; i++) cards.push(await createCard(app, user.access, deck.id));
    expect((await get(`/api/v1/decks/${deck.id}`)).body.card_count).toBe(3);
    await call(app, 'DELETE', `/api/v1/cards/${cards[0]!.id}`, { token: user.access });
    expect((await get(`/api/v1/decks/${deck.id}`)).body.card_count).toBe(2);
    const listed = await get(`/api/v1/decks?limit=100`);
    expect(listed.body.items.find((d: any) => d.id === deck.id).card_count).toBe(2);
    await call(app, 'DELETE', `/api/v1/decks/${deck.id}`, { token: user.access });
    // Deleting the deck removed its cards too.
    expectProblem(await get(`/api/v1/cards/${cards[1]!.id}`), 404, 'not_found');
  });
});

describe('deck field limits', () => {
  const cases: [string, Record<string, unknown>, number | string][] = [
    ['title of 200', { title: 't'.repeat(200) }, 201],
    ['title of 201', { title: 't'.repeat(201) }, 'title'],
    ['blank title', { title: '   ' }, 'title'],
    ['missing title', { description: 'x' }, 'title'],
    ['title of the wrong type', { title: 42 }, 'title'],
    ['description of 2000', { title: 't', description: 'd'.repeat(2000) }, 201],
    ['description of 2001', { title: 't', description: 'd'.repeat(2001) }, 'description'],
    ['category of 100', { title: 't', category: 'c'.repeat(100) }, 201],
    ['category of 101', { title: 't', category: 'c'.repeat(101) }, 'category'],
    ['difficulty ADVANCED', { title: 't', difficulty: 'ADVANCED' }, 201],
    ['difficulty expert', { title: 't', difficulty: 'expert' }, 'difficulty'],
  ];
  it.each(cases)('%s -> %s', async (_name, body, expected) => {
    const res = await post(body);
    if (expected === 201) return expect(res.status).toBe(201);
    const problem = expectProblem(res, 422, 'validation');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors![0]!.path).toBe(expected);
    // Human words, not zod's defaults.
    expect(problem.errors![0]!.message).not.toMatch(/Invalid input|expected/);
  });

  it('stores difficulty lower-case whatever case it came in', async () => {
    expect((await post({ title: 't', difficulty: ' Intermediate ' })).body.difficulty).toBe('intermediate');
  });
});

describe('deck list', () => {
  let lister: SignedIn;
  const titles = ['Alpha cells', 'Beta genetics', 'Gamma', 'Delta', 'Epsilon'];
  beforeAll(async () => {
    lister = await signUp(app);
    await createDeck(app, lister.access, { title: titles[0], category: 'Biology', difficulty: 'beginner' });
    await createDeck(app, lister.access, { title: titles[1], category: 'Biology', difficulty: 'advanced', description: 'DNA' });
    await createDeck(app, lister.access, { title: titles[2], category: 'Physics', description: 'Radiation and CELLS' });
    await createDeck(app, lister.access, { title: titles[3], category: 'Physics', difficulty: 'Advanced' });
    await createDeck(app, lister.access, { title: titles[4] });
  });
  const list = (query = '') => call(app, 'GET', `/api/v1/decks${query}`, { token: lister.access });

  it('returns the envelope with defaults (limit 20, offset 0, newest first)', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(res.body).toMatchObject({ total: 5, limit: 20, offset: 0 });
    expect(res.body.items.map((d: any) => d.title)).toEqual([...titles].reverse());
  });

  it('filters by category, difficulty (any case) and q (case-insensitive, title and description)', async () => {
    expect((await list('?category=Biology')).body.total).toBe(2);
    expect((await list('?difficulty=ADVANCED')).body.items.map((d: any) => d.title).sort()).toEqual([titles[1], titles[3]].sort());
    expect((await list('?q=CELLS')).body.items.map((d: any) => d.title).sort()).toEqual([titles[0], titles[2]].sort());
    expect((await list('?q=dna')).body.items.map((d: any) => d.title)).toEqual([titles[1]]);
    expect((await list('?category=Physics&difficulty=advanced')).body.items.map((d: any) => d.title)).toEqual([titles[3]]);
    expect((await list('?q=nothing-matches')).body).toMatchObject({ items: [], total: 0 });
  });

  it('sorts by title or date in either order', async () => {
    const byTitle = (await list('?sort=title&order=asc')).body.items.map((d: any) => d.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect((await list('?sort=title&order=desc')).body.items.map((d: any) => d.title)).toEqual([...byTitle].reverse());
    expect((await list('?sort=created_at&order=asc')).body.items.map((d: any) => d.title)).toEqual(titles);
  });

  it('paginates with limit and offset; total ignores them', async () => {
    const page = await list('?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.body.items.map((d: any) => d.title)).toEqual([titles[3], titles[2]]);
    expect((await list('?limit=2&offset=4')).body.items).toHaveLength(1);
    expect((await list('?limit=100')).status).toBe(200);
    expect((await list('?limit=1')).body.items).toHaveLength(1);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=abc', 'limit'],
    ['?offset=-1', 'offset'],
    ['?sort=owner', 'sort'],
    ['?order=sideways', 'order'],
    ['?difficulty=expert', 'difficulty'],
  ])('%s is a 422 naming %s', async (query, field) => {
    const problem = expectProblem(await list(query), 422, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual([field]);
  });
});
