/**
 * The cross-user matrix on every document route (derived from /openapi.json, see cross-user-matrix.ts):
 * another user's document is a 404, exactly like a document that does not exist, and nothing they try changes
 * it. Malformed ids are 404s too, and every route needs a token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { englishNotesTxt } from '../fixtures/index.js';
import { describeCrossUserMatrix, openApiDocument, ownedRoutes } from './cross-user-matrix.js';
import { buildDocumentTestApp, send, uploadOne } from './documents-support.js';
import { createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app } = t;
const doc = await openApiDocument(app);
let owner: SignedIn;
let intruder: SignedIn;
let docId: string;
const bytes = englishNotesTxt();
beforeAll(async () => {
  owner = await signUp(app);
  intruder = await signUp(app);
  docId = (await uploadOne(app, owner.access, { name: 'private.txt', bytes })).document_ids[0]!;
});

const request = (token: string | undefined, method: string, path: string, body?: unknown) =>
  send(app, method, path, {
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });

// The matrix on the routes that name a document, found by their path parameter in /openapi.json.
describeCrossUserMatrix('document routes', {
  app: () => app,
  doc,
  routes: ownedRoutes(doc).filter((route) => route.params.includes('document_id')),
  owner: () => ({ ids: { document_id: docId }, token: () => owner.access }),
  intruders: () => [intruder.access],
});

describe("another user's document", () => {
  it("generate into the intruder's own deck is still a 404 and queues nothing", async () => {
    const deck = await createDeck(app, intruder.access, { title: 'Stolen' });
    expectProblem(await request(intruder.access, 'POST', `/api/v1/documents/${docId}/generate`, { deck_id: deck.id }), 404, 'not_found');
  });

  it('is absent from their list and left out of their batch status', async () => {
    expect((await request(intruder.access, 'GET', '/api/v1/documents')).body).toMatchObject({ items: [], total: 0 });
    const batch = await request(intruder.access, 'GET', `/api/v1/documents/status?document_ids=${docId}`);
    expect(batch.body).toEqual([]);
  });

  it('is untouched afterwards: still uploaded, still downloadable by its owner', async () => {
    await t.queue.drain();
    expect((await request(owner.access, 'GET', `/api/v1/documents/${docId}`)).body).toMatchObject({ status: 'uploaded', deck_id: null });
    const file = await request(owner.access, 'GET', `/api/v1/documents/${docId}/file`);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(bytes);
  });
});

describe('tokens', () => {
  it.each([
    ['list', '/api/v1/documents'],
    ['batch', '/api/v1/documents/status?document_ids=x'],
  ])('%s without a token is a 401', async (_name, path) => {
    expectProblem(await request(undefined, 'GET', path), 401, 'unauthorized');
  });
});
