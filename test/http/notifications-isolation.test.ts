/** Another user's notification is a 404 on every route (never 403), and their lists and counts never show it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentTestApp, uploadOne } from './documents-support.js';
import { call, expectProblem, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app } = t;
let owner: SignedIn;
let intruder: SignedIn;
let noteId: string;

beforeAll(async () => {
  [owner, intruder] = await Promise.all([signUp(app), signUp(app)]);
  await uploadOne(
    app,
    owner.access,
    { name: 'private.md', bytes: new TextEncoder().encode('# Course\n\n## Week 1\n') },
    { metadata: { title: 'Private' } },
  );
  await t.queue.drain();
  const list = await call(app, 'GET', '/api/v1/notifications', { token: owner.access });
  noteId = list.body[0].id;
});

const matrix = (id: string): [string, string][] => [
  ['PATCH', `/api/v1/notifications/${id}/read`],
  ['DELETE', `/api/v1/notifications/${id}`],
];

describe('notifications across users', () => {
  it("answers 404 to every id route for another user's notification, like an unknown id", async () => {
    const strip = ({ request_id: _, ...rest }: any) => rest;
    for (const [method, path] of matrix(noteId)) {
      const theirs = await call(app, method, path, { token: intruder.access, body: {} });
      expectProblem(theirs, 404, 'not_found');
      const unknown = await call(app, method, path.replace(noteId, '019ae0c4-5b2e-7c3d-9e0f-1a2b3c4d5e6f'), {
        token: intruder.access,
        body: {},
      });
      expect(strip(theirs.body)).toEqual(strip(unknown.body));
    }
  });

  it('never lists or counts it for the intruder, and read-all by the intruder leaves it unread', async () => {
    for (const q of ['', '?unread_only=true', '?limit=100']) {
      expect((await call(app, 'GET', `/api/v1/notifications${q}`, { token: intruder.access })).body).toEqual([]);
    }
    expect((await call(app, 'GET', '/api/v1/notifications/unread-count', { token: intruder.access })).body).toEqual({ count: 0 });
    expect((await call(app, 'PATCH', '/api/v1/notifications/read-all', { token: intruder.access })).status).toBe(204);
    const mine = await call(app, 'GET', '/api/v1/notifications', { token: owner.access });
    expect(mine.body).toEqual([expect.objectContaining({ id: noteId, read: false })]);
    expect((await call(app, 'GET', '/api/v1/notifications/unread-count', { token: owner.access })).body).toEqual({ count: 1 });
  });

  it.each(['not-a-uuid', '123', "1'%20OR%20'1'='1", 'x'.repeat(300), '%00'])(
    'a malformed id %s is a 404, never 500 or 422',
    async (bad) => {
      for (const [method, path] of matrix(bad)) expectProblem(await call(app, method, path, { token: owner.access }), 404, 'not_found');
    },
  );
});
