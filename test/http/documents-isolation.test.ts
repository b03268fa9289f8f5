/**
 * The cross-user matrix on every document route: another user's document is a 404, exactly like a document
 * that does not exist, and nothing they try changes it. Malformed ids are 404s too, and every route needs a token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { englishNotesTxt } from '../fixtures/index.js';
import { buildDocumentTestApp, send, uploadOne } from './documents-support.js';
import { createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app } = t;
let owner: SignedIn;
let intruder: SignedIn;
let docId: string;
const bytes = englishNotesTxt();
beforeAll(async () => {
  owner = await signUp(app);
  intruder = await signUp(app);
  docId = (await uploadOne(app, owner.access, { name: 'private.txt', bytes })).document_ids[0]!;
});

type Route = [string, string, (id: string) => string, unknown?];
const ROUTES: Route[] = [
  ['get', 'GET', (id) => `/api/v1/documents/${id}`],
  ['status', 'GET', (id) => `/api/v1/documents/${id}/status`],
  ['generate', 'POST', (id) => `/api/v1/documents/${id}/generate`, {}],
  ['delete', 'DELETE', (id) => `/api/v1/documents/${id}`],
  ['file', 'GET', (id) => `/api/v1/documents/${id}/file`],
];
const request = (token: string | undefined, method: string, path: string, body?: unknown) =>
  send(app, method, path, {
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });

describe("another user's document", () => {
  it.each(ROUTES)('%s is a 404 with the same answer as an unknown id', async (_name, method, path, body) => {
    const foreign = expectProblem(await request(intruder.access, method, path(docId), body), 404, 'not_found');
    const unknown = expectProblem(
      await request(intruder.access, method, path('00000000-0000-4000-8000-000000000000'), body),
      404,
      'not_found',
    );
    expect(foreign.detail).toBe(unknown.detail);
  });

  it("generate into the intruder's own deck is still a 404 and queues nothing", async () => {
    const deck = await createDeck(app, intruder.access, { title: 'Stolen' });
    expectProblem(await request(intruder.access, 'POST', `/api/v1/documents/${docId}/generate`, { deck_id: deck.id }), 404, 'not_found');
  });

  it('is absent from their list and in not_found of their batch status', async () => {
    expect((await request(intruder.access, 'GET', '/api/v1/documents')).body).toMatchObject({ items: [], total: 0 });
    const batch = await request(intruder.access, 'GET', `/api/v1/documents/status?document_ids=${docId}`);
    expect(batch.body).toEqual({ items: [], not_found: [docId] });
  });

  it('is untouched afterwards: still uploaded, still downloadable by its owner', async () => {
    await t.queue.drain();
    expect((await request(owner.access, 'GET', `/api/v1/documents/${docId}`)).body).toMatchObject({ status: 'uploaded', deck_id: null });
    const file = await request(owner.access, 'GET', `/api/v1/documents/${docId}/file`);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(bytes);
  });
});

describe('ids and tokens', () => {
  it.each(ROUTES)('%s with a malformed id is a 404, never a 500', async (_name, method, path, body) => {
    for (const id of ['not-a-uuid', '123', 'status%20x', '00000000-0000-4000-8000-00000000000z']) {
      expectProblem(await request(owner.access, method, path(id), body), 404, 'not_found');
    }
  });

  it.each([
    ...ROUTES,
    ['list', 'GET', () => '/api/v1/documents'] as Route,
    ['batch', 'GET', () => '/api/v1/documents/status?document_ids=x'] as Route,
  ])('%s without a token is a 401', async (_name, method, path, body) => {
    expectProblem(await request(undefined, method, path(docId), body), 401, 'unauthorized');
  });
});
