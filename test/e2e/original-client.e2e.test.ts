/**
 * The original OpenDeck web client's flows (../shared/spec/original-client-contract.md, sections 2 and 3) against
 * `opendeck serve` in its own process (embedded database, in-process jobs, offline generator), over real HTTP,
 * in the order its pages make the calls: register, the bell, the deck list, the upload page (upload, then poll
 * the bare status array until "View Deck"), the viewer, then the bell again (open, click, mark all, delete). An
 * EventSource-style stream (ticket, no header) runs alongside and must see the documents finish.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { englishNotesMarkdown, englishNotesTxt } from '../fixtures/index.js';
import { SseReader, type SseFrame } from '../http/sse-client.js';
import { CLEAN_ENV, startServer, type OpendeckProcess } from './support/processes.js';

const PORTAL = 'http://localhost:4200';
let dataDir: string;
let server: OpendeckProcess & { url: string };
let token = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-client-'));
  server = await startServer({ ...CLEAN_ENV, DATA_DIR: dataDir, CORS_ORIGINS: PORTAL });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** As the portal's interceptor: the bearer token on every call but login and register; JSON in and out. */
async function api(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { Origin: PORTAL };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: RequestInit['body'];
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${server.url}/api/v1${route}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The portal's DocumentStatus fields, as its upload page reads them. */
function expectDocumentStatus(item: any): void {
  expect(typeof item.document_id).toBe('string');
  expect(typeof item.filename).toBe('string');
  expect(['pending', 'processing', 'completed', 'failed']).toContain(item.status);
  expect(typeof item.progress).toBe('number');
  expect(item.progress).toBeGreaterThanOrEqual(0);
  expect(item.progress).toBeLessThanOrEqual(100);
  expect('error_message' in item && 'page_count' in item && 'cards_generated' in item).toBe(true);
}

it("drives register, bell, deck list, upload and polling, viewer and bell actions in the client's order", async () => {
  // Register (section 5): the login body with 201; the portal stores access_token.
  const registered = await api('POST', '/auth/register', {
    email: `portal-${process.pid}@example.com`,
    name: 'Portal user',
    password: 'a long enough passphrase',
  });
  expect(registered.status).toBe(201);
  token = registered.body.access_token;

  // Every authenticated page: the bell asks for the count; opening it lists with limit=20&offset=0.
  expect(await api('GET', '/notifications/unread-count')).toEqual({ status: 200, body: { count: 0 } });
  expect(await api('GET', '/notifications?limit=20&offset=0')).toEqual({ status: 200, body: [] });
  expect((await api('GET', '/decks?limit=100')).body.items).toEqual([]);

  // Live events as an EventSource would open them: a ticket, no Authorization header.
  const ticket = (await api('POST', '/events/ticket')).body.ticket;
  const live = new SseReader(await fetch(`${server.url}/api/v1/events?ticket=${encodeURIComponent(ticket)}`));
  expect(live.response.status).toBe(200);
  expect(await live.next()).toMatchObject({ comments: ['connected'] });

  // The upload page: `files` repeated, `metadata` a JSON string with lower-case difficulty.
  const form = new FormData();
  form.append('files', new File([englishNotesMarkdown() as Uint8Array<ArrayBuffer>], 'Biology101.md'));
  form.append('files', new File([englishNotesTxt() as Uint8Array<ArrayBuffer>], 'Notes.txt'));
  form.append('metadata', JSON.stringify({ title: 'Biology 101', category: 'Science', difficulty: 'beginner' }));
  const uploaded = await api('POST', '/documents/upload', form);
  expect(uploaded.status).toBe(201);
  const { deck_id: deckId, document_ids: documentIds } = uploaded.body;
  expect(documentIds).toHaveLength(2);

  // Polled at once and then on an interval while any item is pending or processing; the last answer counts.
  let statuses: any[] = [];
  for (let round = 0; round < 150; round++) {
    const res = await api('GET', `/documents/status?document_ids=${documentIds.join(',')}`);
    expect(res.status).toBe(200);
    statuses = res.body;
    expect(Array.isArray(statuses)).toBe(true);
    statuses.forEach(expectDocumentStatus);
    if (!statuses.some((s) => s.status === 'pending' || s.status === 'processing')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(statuses.map((s) => s.document_id)).toEqual(documentIds);
  expect(statuses.map((s) => s.filename)).toEqual(['Biology101.md', 'Notes.txt']);
  // "View Deck" shows when the array is non-empty and every item is completed or failed.
  expect(statuses.length > 0 && statuses.every((s) => s.status === 'completed' || s.status === 'failed')).toBe(true);
  expect(statuses.every((s) => s.status === 'completed' && s.cards_generated > 0)).toBe(true);

  // The viewer: the deck and its first page of 10 cards together; total is the real count.
  const [deck, cards] = await Promise.all([api('GET', `/decks/${deckId}`), api('GET', `/decks/${deckId}/cards?limit=10&offset=0`)]);
  expect(deck.body.title).toBe('Biology 101');
  const generated = statuses.reduce((n, s) => n + s.cards_generated, 0);
  expect(cards.body.total).toBe(generated);
  expect(cards.body.items.length).toBe(Math.min(10, generated));

  // The bell: one notification for the upload of two files, in the portal's camelCase too.
  expect((await api('GET', '/notifications/unread-count')).body).toEqual({ count: 1 });
  const [note, ...more] = (await api('GET', '/notifications?limit=20&offset=0')).body;
  expect(more).toEqual([]);
  expect(note).toMatchObject({ type: 'success', read: false, actionUrl: `/pages/flashcards/viewer/${deckId}` });
  expect(note.message).toBe(`Generated ${generated} flashcards from 2 documents`);
  expect(Number.isNaN(new Date(note.sentAt).getTime())).toBe(false);

  // The stream saw both documents finish and the notification arrive.
  const frames: SseFrame[] = await live.until((f) => f.event === 'notification.created', 10_000);
  const completed = frames.filter((f) => f.event === 'document.completed').map((f) => JSON.parse(f.data!).document_id);
  expect(completed.sort()).toEqual([...documentIds].sort());
  expect(JSON.parse(frames.at(-1)!.data!)).toMatchObject({ id: note.id, action_url: note.actionUrl });
  await live.cancel();

  // Clicking an unread item marks it read (PATCH with {}), then the panel lists again with limit=50.
  expect((await api('PATCH', `/notifications/${note.id}/read`, {})).status).toBe(204);
  const after = (await api('GET', '/notifications?limit=50')).body;
  expect(after[0]).toMatchObject({ id: note.id, read: true });
  expect(after[0].readAt).toBe(after[0].read_at);
  expect((await api('GET', '/notifications/unread-count')).body).toEqual({ count: 0 });
  expect((await api('GET', '/notifications?limit=20&offset=0&unread_only=true')).body).toEqual([]);

  // "Mark all read", then the trash button; the trash of a missing one is a 404 with a string detail.
  expect((await api('PATCH', '/notifications/read-all', {})).status).toBe(204);
  expect((await api('DELETE', `/notifications/${note.id}`)).status).toBe(204);
  const gone = await api('DELETE', `/notifications/${note.id}`);
  expect(gone.status).toBe(404);
  expect(typeof gone.body.detail).toBe('string');
  expect((await api('GET', '/notifications?limit=50')).body).toEqual([]);
}, 120_000);

it("lets the portal's origin PATCH (CORS preflight)", async () => {
  const res = await fetch(`${server.url}/api/v1/notifications/read-all`, {
    method: 'OPTIONS',
    headers: { Origin: PORTAL, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });
  expect(res.status).toBeLessThan(300);
  expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
  expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
});

it('a SIGTERM closes open event streams as part of the drain: the stream ends and the server exits 0 at once', async () => {
  const live = new SseReader(await fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } }));
  expect(live.response.status).toBe(200);
  await live.next();
  const started = Date.now();
  const stopped = server.stop();
  let frame = await live.next(10_000).catch(() => null);
  while (frame) frame = await live.next(10_000).catch(() => null);
  await stopped;
  expect(await server.exited).toBe(0);
  // Well below the 25 s drain limit a stream left open would run into.
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);
