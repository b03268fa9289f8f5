/**
 * GET /events through the real app: the signed-in user's live events, resumed without a gap after a dropped
 * connection, single-use expiring tickets, the heartbeat, the drain, and 501 where streaming is impossible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEventInput } from '../../src/core/index.js';
import { LiveStreams } from '../../src/adapters/http/live-streams.js';
import { InProcessLiveEvents } from '../../src/infra/live/in-process-live-events.js';
import { MemoryEventTickets } from '../../src/infra/live/memory-event-tickets.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { englishNotesMarkdown } from '../fixtures/index.js';
import { GatedGenerator, buildDocumentTestApp, generatorRegistry, uploadOne } from './documents-support.js';
import { SseReader, isEvent } from './sse-client.js';
import { buildTestApp, call, expectProblem, signUp, type SignedIn } from './support.js';

/** Records what was published, per user, to compare with what the client received. */
class RecordingLiveEvents extends InProcessLiveEvents {
  readonly published: { userId: string; type: string }[] = [];
  override async publish(userId: string, input: LiveEventInput): Promise<void> {
    this.published.push({ userId, type: input.type });
    await super.publish(userId, input);
  }
}

let clock = Date.now();
const events = new RecordingLiveEvents();
const tickets = new MemoryEventTickets(() => clock);
const streams = new LiveStreams();
let shuttingDown = false;
const gated = new GatedGenerator();
const t = buildDocumentTestApp({
  generators: generatorRegistry(new OfflineCardGenerator(), gated),
  http: { live: { events, tickets, streams, heartbeatMs: 100 }, isShuttingDown: () => shuttingDown },
});
const { app } = t;
let user: SignedIn;
const open: SseReader[] = [];

beforeAll(async () => {
  user = await signUp(app);
});
afterAll(async () => {
  for (const reader of open) await reader.cancel();
});

async function connect(query = '', headers: Record<string, string> = { Authorization: `Bearer ${user.access}` }) {
  const res = await app.request(`/api/v1/events${query}`, { headers });
  return res;
}

async function stream(query = '', headers?: Record<string, string>): Promise<SseReader> {
  const res = await connect(query, headers);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = new SseReader(res);
  open.push(reader);
  const first = await reader.next();
  expect(first).toMatchObject({ retry: 3000, comments: ['connected'] });
  return reader;
}

const data = (frame: { data?: string }) => JSON.parse(frame.data ?? '{}');

describe('GET /events', () => {
  it('resumes after a dropped connection with Last-Event-ID: every event once, in order, none lost', async () => {
    const first = await stream();
    const up = await uploadOne(
      app,
      user.access,
      { name: 'live.md', bytes: englishNotesMarkdown() },
      { metadata: { title: 'Live', provider: 'gated' } },
    );
    const documentId = up.document_ids[0]!;
    // Mid-generation: the job has started (processing) and waits at the gated model.
    const before = (await first.until((f) => f.event === 'document.progress')).filter(isEvent);
    expect(data(before.at(-1)!)).toMatchObject({ document_id: documentId, status: 'processing' });
    await first.cancel();

    gated.open();
    await t.queue.drain(); // progress, completed and the notification are published while nobody listens

    const second = await stream(`?last_event_id=${encodeURIComponent(before.at(-1)!.id!)}`);
    const after = (await second.until((f) => f.event === 'notification.created')).filter(isEvent);
    const received = [...before, ...after];
    const mine = events.published.filter((p) => p.userId === user.userId).map((p) => p.type);
    expect(received.map((f) => f.event)).toEqual(mine);
    const ids = received.map((f) => f.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.find((f) => f.event === 'document.completed')).toBeDefined();
    expect(data(after.find((f) => f.event === 'document.completed')!)).toMatchObject({
      document_id: documentId,
      status: 'completed',
      deck_id: up.deck_id,
    });
    expect(data(after.at(-1)!)).toMatchObject({
      type: 'success',
      title: 'Document processed',
      action_url: `/pages/flashcards/viewer/${up.deck_id}`,
    });
    await second.cancel();
  });

  it("the Last-Event-ID header works as EventSource sends it, and only the user's own events arrive", async () => {
    const other = await signUp(app);
    await events.publish(user.userId, { type: 'document.progress', data: { n: 1 } });
    const reader = await stream('', { Authorization: `Bearer ${user.access}`, 'Last-Event-ID': '0-0' });
    await events.publish(other.userId, { type: 'document.progress', data: { secret: true } });
    await events.publish(user.userId, { type: 'document.failed', data: { n: 2 } });
    const frames = (await reader.until((f) => f.event === 'document.failed')).filter(isEvent);
    expect(frames.some((f) => data(f).secret)).toBe(false);
    // '0-0' is older than everything kept: the whole window is replayed, then the live event.
    expect(frames.map((f) => data(f))).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }]));
    await reader.cancel();
  });

  it('sends a heartbeat comment while idle', async () => {
    const reader = await stream();
    expect(await reader.next(2_000)).toMatchObject({ comments: ['heartbeat'] });
    await reader.cancel();
  });

  it('needs a signed-in user: no token, a forged one, or a refresh token is 401', async () => {
    expectProblem(await call(app, 'GET', '/api/v1/events'), 401, 'unauthorized');
    expectProblem(await call(app, 'GET', '/api/v1/events', { headers: { Authorization: 'Bearer abc.def.ghi' } }), 401, 'unauthorized');
    expectProblem(await call(app, 'GET', '/api/v1/events', { token: user.refresh }), 401, 'unauthorized');
  });
});

describe('tickets', () => {
  const issue = async () => {
    const res = await call(app, 'POST', '/api/v1/events/ticket', { token: user.access });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ expires_in: 30 });
    return res.body.ticket as string;
  };

  it('opens the stream once without a header; a second use is 401', async () => {
    const ticket = await issue();
    const reader = await stream(`?ticket=${ticket}`, {});
    await events.publish(user.userId, { type: 'notification.created', data: { via: 'ticket' } });
    expect(data((await reader.until(isEvent)).at(-1)!)).toEqual({ via: 'ticket' });
    await reader.cancel();
    expectProblem(await call(app, 'GET', `/api/v1/events?ticket=${ticket}`), 401, 'unauthorized');
  });

  it('expires after 30 seconds; unknown tickets are 401; issuing needs a signed-in user', async () => {
    const ticket = await issue();
    clock += 31_000;
    expectProblem(await call(app, 'GET', `/api/v1/events?ticket=${ticket}`), 401, 'unauthorized');
    expectProblem(await call(app, 'GET', '/api/v1/events?ticket=made-up'), 401, 'unauthorized');
    expectProblem(await call(app, 'POST', '/api/v1/events/ticket'), 401, 'unauthorized');
  });
});

describe('limits', () => {
  it('one user may hold only maxPerUser streams per instance (429 beyond); closing one makes room', async () => {
    const small = buildDocumentTestApp({
      http: { live: { events: new InProcessLiveEvents(), tickets: new MemoryEventTickets(), streams: new LiveStreams(1) } },
    });
    const who = await signUp(small.app);
    const open1 = await small.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${who.access}` } });
    const first = new SseReader(open1);
    await first.next();
    const refused = await call(small.app, 'GET', '/api/v1/events', { token: who.access });
    expectProblem(refused, 429, 'rate_limited');
    expect(refused.headers.get('retry-after')).toBe('5');
    await first.cancel();
    await new Promise((r) => setTimeout(r, 50));
    const again = await small.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${who.access}` } });
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});

describe('drain and deployments without streaming', () => {
  it('closing the streams ends them; while shutting down new streams are 503', async () => {
    const reader = await stream();
    streams.closeAll();
    let frame = await reader.next();
    while (frame && !frame.event && frame.comments[0] === 'heartbeat') frame = await reader.next();
    expect(frame).toBeNull();
    shuttingDown = true;
    try {
      expectProblem(await call(app, 'GET', '/api/v1/events', { token: user.access }), 503, 'unavailable');
    } finally {
      shuttingDown = false;
    }
  });

  it('without live events (AWS Lambda) both routes answer 501 naming the polling alternative', async () => {
    const lambda = buildTestApp({ live: undefined }); // as the API Lambda wires it (liveEvents: false)
    const who = await signUp(lambda.app);
    const res = await call(lambda.app, 'GET', '/api/v1/events', { token: who.access });
    expectProblem(res, 501, 'not_implemented');
    expect(res.body.detail).toMatch(/Lambda.*Poll GET \/api\/v1\/documents\/status/);
    expectProblem(await call(lambda.app, 'POST', '/api/v1/events/ticket', { token: who.access }), 501, 'not_implemented');
  });
});
