/**
 * The bell, through the real app: notifications are made by generation (one per document, one per batch of
 * several files), listed as the original web client reads them, and marked read or deleted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { failAbandonedDocument, processDocument, sweepNotifications, type CardGenerator } from '../../src/core/index.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { englishNotesMarkdown, englishNotesTxt } from '../fixtures/index.js';
import { GatedGenerator, buildDocumentTestApp, generatorRegistry, upload, uploadOne } from './documents-support.js';
import { call, expectProblem, isIsoUtc, signUp, type SignedIn } from './support.js';

const gated = new GatedGenerator();
/** A provider in an outage that recovers: each call is retried twice (with a wait) before it answers. */
const flaky: CardGenerator = {
  provider: 'flaky',
  model: 'flaky-1',
  maxChunkChars: 12_000,
  async generate(request) {
    request.onRetry?.({ attempt: 1, delayMs: 0, reason: 'malformed reply: not JSON' });
    request.onRetry?.({ attempt: 1, delayMs: 500, reason: 'HTTP 503' });
    request.onRetry?.({ attempt: 2, delayMs: 1000, reason: 'HTTP 503' });
    return new OfflineCardGenerator().generate(request);
  },
};
const t = buildDocumentTestApp({ generators: generatorRegistry(new OfflineCardGenerator(), gated, flaky) });
const { app } = t;
const EMPTY = new TextEncoder().encode('# Course\n\n## Week 1\n\n## Week 2\n');

const get = (who: SignedIn, path: string) => call(app, 'GET', `/api/v1${path}`, { token: who.access });
const bell = async (who: SignedIn) => (await get(who, '/notifications')).body as any[];
const unread = async (who: SignedIn) => (await get(who, '/notifications/unread-count')).body.count as number;

describe('made by generation', () => {
  let user: SignedIn;
  beforeAll(async () => {
    user = await signUp(app);
  });

  it('a completed document: one success notification linking to the deck viewer, with camelCase aliases', async () => {
    const up = await uploadOne(
      app,
      user.access,
      { name: 'Biology101.md', bytes: englishNotesMarkdown() },
      { metadata: { title: 'Biology' } },
    );
    await t.queue.drain();
    const doc = (await get(user, `/documents/${up.document_ids[0]}`)).body;
    const [n, ...rest] = await bell(user);
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      type: 'success',
      title: 'Document processed',
      message: `Generated ${doc.cards_generated} flashcards from "Biology101.md"`,
      action_url: `/pages/flashcards/viewer/${up.deck_id}`,
      metadata: { document_id: doc.id, deck_id: up.deck_id, cards_generated: doc.cards_generated },
      image_url: null,
      read: false,
      read_at: null,
    });
    expect(doc.cards_generated).toBeGreaterThan(0);
    expect(isIsoUtc(n.sent_at) && isIsoUtc(n.created_at)).toBe(true);
    expect(n).toMatchObject({ sentAt: n.sent_at, createdAt: n.created_at, actionUrl: n.action_url, readAt: null, imageUrl: null });
    expect(await unread(user)).toBe(1);
  });

  it('a failed document: one error notification with the reason', async () => {
    const up = await uploadOne(app, user.access, { name: 'empty.md', bytes: EMPTY }, { metadata: { title: 'Nothing' } });
    await t.queue.drain();
    const [n] = await bell(user);
    expect(n).toMatchObject({ type: 'error', title: 'Processing failed', action_url: null });
    expect(n.message).toMatch(/^Failed to process "empty.md": No flashcards could be made/);
    expect(n.metadata.error).toMatchObject({ document_id: up.document_ids[0], filename: 'empty.md' });
  });

  it('an upload of several files: one notification for the batch, not one per file', async () => {
    const who = await signUp(app);
    const files = ['a.md', 'b.md', 'c.txt'].map((name, i) => ({ name, bytes: i === 2 ? englishNotesTxt() : englishNotesMarkdown() }));
    const res = await upload(app, files, { token: who.access, metadata: { title: 'Batch' } });
    expect(res.status).toBe(201);
    await t.queue.drain();
    const list = await bell(who);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      type: 'success',
      title: 'Documents processed',
      action_url: `/pages/flashcards/viewer/${res.body.deck_id}`,
    });
    expect(list[0].message).toMatch(/^Generated \d+ flashcards from 3 documents$/);
    expect(list[0].metadata.document_ids).toEqual(res.body.document_ids);
  });

  it('a batch where one file fails: one warning naming it', async () => {
    const who = await signUp(app);
    const files = [
      { name: 'good.md', bytes: englishNotesMarkdown() },
      { name: 'empty.md', bytes: EMPTY },
    ];
    await upload(app, files, { token: who.access, metadata: { title: 'Mixed' } });
    await t.queue.drain();
    const list = await bell(who);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'warning', title: 'Documents processed with errors' });
    expect(list[0].message).toMatch(/from 1 of 2 documents\. Failed: "empty.md": No flashcards/);
  });

  it('a job delivered twice, at once and again later, makes exactly one notification', async () => {
    const who = await signUp(app);
    const up = await uploadOne(
      app,
      who.access,
      { name: 'twice.md', bytes: englishNotesMarkdown() },
      { metadata: { title: 'Twice', provider: 'gated' } },
    );
    const job = { documentId: up.document_ids[0]!, userId: who.userId };
    const ctx = { userId: who.userId, requestId: 'duplicate', ports: t.ports };
    // The queue's delivery is held at the gated model; a duplicate delivery races it.
    const duplicate = processDocument({ ctx: ctx, input: job });
    gated.open();
    await Promise.all([duplicate, t.queue.drain()]);
    expect(await processDocument({ ctx: ctx, input: job })).toBe('skipped');
    expect(await bell(who)).toHaveLength(1);
    expect(await unread(who)).toBe(1);
  });
});

describe('retention and abandoned jobs', () => {
  it('the sweep removes read notifications once the retention has passed; unread ones stay', async () => {
    const who = await signUp(app);
    for (const name of ['a.md', 'b.md']) await uploadOne(app, who.access, { name, bytes: EMPTY }, { metadata: { title: name } });
    await t.queue.drain();
    const [newest, oldest] = await bell(who);
    await call(app, 'PATCH', `/api/v1/notifications/${oldest.id}/read`, { token: who.access });
    const at = (days: number) => ({ ports: { ...t.ports, clock: { now: () => new Date(Date.now() + days * 86_400_000) } } });
    await sweepNotifications(at(89));
    expect(await bell(who)).toHaveLength(2);
    await sweepNotifications(at(91));
    expect((await bell(who)).map((n) => n.id)).toEqual([newest.id]);
  });

  it('a job the queue gave up on fails its document and tells the owner once', async () => {
    const who = await signUp(app);
    const up = await uploadOne(
      app,
      who.access,
      { name: 'stuck.md', bytes: englishNotesMarkdown() },
      { metadata: { title: 'Stuck', provider: 'gated' } },
    );
    const job = { documentId: up.document_ids[0]!, userId: who.userId };
    const ctx = { userId: who.userId, requestId: 'gave-up', ports: t.ports };
    await t.queue.drain(); // the gate is open by now: it completes; a give-up afterwards must change nothing
    await failAbandonedDocument({ ctx: ctx, input: { job: job, message: 'Stopped after repeated crashes.' } });
    expect((await bell(who)).map((n) => n.type)).toEqual(['success']);

    const stuck = await uploadOne(app, who.access, { name: 'never.md', bytes: englishNotesMarkdown() });
    await t.ports.documents.markPending(
      who.userId,
      stuck.document_ids[0]!,
      { deck_id: up.deck_id!, max_cards: 5, language: null, provider: 'offline', model: 'x' },
      new Date(),
    );
    await failAbandonedDocument({
      ctx,
      input: { job: { documentId: stuck.document_ids[0]!, userId: who.userId }, message: 'Stopped after repeated crashes.' },
    });
    await failAbandonedDocument({
      ctx,
      input: { job: { documentId: stuck.document_ids[0]!, userId: who.userId }, message: 'Stopped after repeated crashes.' },
    });
    const [failed] = await bell(who);
    expect(failed).toMatchObject({ type: 'error', message: 'Failed to process "never.md": Stopped after repeated crashes.' });
    expect((await bell(who)).filter((n) => n.type === 'error')).toHaveLength(1);
  });
});

describe('a model outage', () => {
  it('delaying a document warns once (not per retry, not per delivery), then the success follows', async () => {
    const who = await signUp(app);
    const up = await uploadOne(
      app,
      who.access,
      { name: 'slow.md', bytes: englishNotesMarkdown() },
      { metadata: { title: 'Slow', provider: 'flaky' } },
    );
    await t.queue.drain();
    // A redelivery that runs the generation again (e.g. after a crash) must not warn a second time.
    await t.ports.documents.markPending(
      who.userId,
      up.document_ids[0]!,
      (await t.ports.documents.get(who.userId, up.document_ids[0]!))!.generation!,
      new Date(),
    );
    await processDocument({
      ctx: { userId: who.userId, requestId: 'again', ports: t.ports },
      input: { documentId: up.document_ids[0]!, userId: who.userId },
    });
    const list = await bell(who);
    expect(list.filter((n) => n.type === 'warning')).toEqual([
      expect.objectContaining({ title: 'Processing delayed', message: expect.stringContaining('"slow.md" is taking longer') }),
    ]);
    expect(list.filter((n) => n.type === 'success')).toHaveLength(2);
  });
});

describe('the bell routes', () => {
  let user: SignedIn;
  let ids: string[];
  beforeAll(async () => {
    user = await signUp(app);
    for (let i = 0; i < 3; i++) await uploadOne(app, user.access, { name: `n${i}.md`, bytes: EMPTY }, { metadata: { title: `D${i}` } });
    await t.queue.drain();
    ids = (await bell(user)).map((n) => n.id);
  });

  it('lists newest first, bare array, with limit and offset', async () => {
    expect(ids).toHaveLength(3);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect((await get(user, '/notifications?limit=2&offset=1')).body.map((n: any) => n.id)).toEqual(ids.slice(1, 3));
    expect((await get(user, '/notifications?limit=20&offset=0')).body).toHaveLength(3);
  });

  it('refuses a limit outside 1..100, a bad offset and a bad unread_only with 422', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'offset=-1', 'unread_only=maybe']) {
      expectProblem(await get(user, `/notifications?${q}`), 422, 'validation');
    }
  });

  it('PATCH read marks one (204, twice is fine), the count and unread_only follow', async () => {
    const mark = () => call(app, 'PATCH', `/api/v1/notifications/${ids[1]}/read`, { token: user.access, body: {} });
    expect((await mark()).status).toBe(204);
    expect((await mark()).status).toBe(204);
    expect(await unread(user)).toBe(2);
    const list = await bell(user);
    expect(list[1]).toMatchObject({ read: true });
    expect(isIsoUtc(list[1].read_at)).toBe(true);
    expect(list[1].readAt).toBe(list[1].read_at);
    expect((await get(user, '/notifications?unread_only=true')).body.map((n: any) => n.id)).toEqual([ids[0], ids[2]]);
  });

  it('PATCH read-all marks the rest; DELETE removes one (204, then 404)', async () => {
    expect((await call(app, 'PATCH', '/api/v1/notifications/read-all', { token: user.access, body: {} })).status).toBe(204);
    expect(await unread(user)).toBe(0);
    expect((await call(app, 'DELETE', `/api/v1/notifications/${ids[0]}`, { token: user.access })).status).toBe(204);
    expectProblem(await call(app, 'DELETE', `/api/v1/notifications/${ids[0]}`, { token: user.access }), 404, 'not_found');
    expectProblem(await call(app, 'PATCH', `/api/v1/notifications/${ids[0]}/read`, { token: user.access }), 404, 'not_found');
    expect((await bell(user)).map((n) => n.id)).toEqual(ids.slice(1));
  });

  it('every route needs a signed-in user (401)', async () => {
    for (const [method, path] of [
      ['GET', '/notifications'],
      ['GET', '/notifications/unread-count'],
      ['PATCH', '/notifications/read-all'],
      ['PATCH', `/notifications/${ids[1]}/read`],
      ['DELETE', `/notifications/${ids[1]}`],
    ] as const) {
      expectProblem(await call(app, method, `/api/v1${path}`), 401, 'unauthorized');
    }
  });

  it('CORS lets the web client PATCH', async () => {
    const res = await app.request('/api/v1/notifications/read-all', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });
});
