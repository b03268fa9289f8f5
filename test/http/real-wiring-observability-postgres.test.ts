/**
 * Metrics and traces through the composition root (buildRuntime, as `opendeck serve` wires it) on the
 * PostgreSQL server, with tracing started on an in-memory exporter: a request gives a server span named by
 * its route template with database spans under it; a generation job gives a span of its own with the
 * extraction and model calls under it; /metrics moves with both and never carries an id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startTracing, stopTracing } from '../../src/infra/observability/tracing.js';
import type { InProcessJobQueue } from '../../src/infra/queue/in-process-job-queue.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { upload } from './documents-support.js';
import { call, createDeck, expectProblem, signUp } from './support.js';
import { coursePages, coursePdf } from '../e2e/support/course-pdf.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123';
const exporter = new InMemorySpanExporter();
let runtime: Runtime | undefined;
let db: TestDatabase | null = null;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  if (!db) return;
  startTracing({ serviceName: 'opendeck-test', version: 'test', exporter });
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-observe-'));
  const config = loadConfig({}, { DATA_DIR: dataDir, DATABASE_URL: db.url, SECRET_KEY: 'o'.repeat(40), METRICS_TOKEN });
  runtime = await buildRuntime(config, pino({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await stopTracing();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const spans = () => exporter.getFinishedSpans();
const childrenOf = (parent: ReadableSpan) => spans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

async function scrape(): Promise<string> {
  const res = await call(runtime!.app, 'GET', '/metrics', { token: METRICS_TOKEN });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text;
}

describe('observability on the real wiring', () => {
  it('traces a request as a server span named by its route template, with the database calls as children', async (ctx) => {
    if (!runtime) return ctx.skip();
    const { app } = runtime;
    const ana = await signUp(app);
    const deck = await createDeck(app, ana.access);
    exporter.reset();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect((await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: ana.access, headers: { traceparent } })).status).toBe(200);
    const server = spans().find((s) => s.name === 'GET /api/v1/decks/:deck_id');
    expect(
      server,
      spans()
        .map((s) => s.name)
        .join(', '),
    ).toBeDefined();
    expect(server!.attributes['http.route']).toBe('/api/v1/decks/:deck_id');
    expect(server!.attributes['http.response.status_code']).toBe(200);
    expect(server!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c'); // continues the caller's trace
    // The session check is answered by the per-process session cache after the sign-up's first request (issue
    // 17: one round trip per authenticated read), so the read is the only database call that has to be there.
    const db = childrenOf(server!).map((s) => s.name);
    expect(db).toContain('db decks.get');
    expect(db.every((name) => name === 'db decks.get' || name === 'db sessions.isActive')).toBe(true);
    expect(JSON.stringify(spans().map((s) => s.name))).not.toContain(deck.id);
  });

  it('traces a job in a trace of its own, with extraction and model calls under it, and counts it in /metrics', async (ctx) => {
    if (!runtime) return ctx.skip();
    const { app } = runtime;
    const ana = await signUp(app);
    const before = await scrape();
    exporter.reset();
    const pdf = await coursePdf(coursePages(3));
    const res = await upload(app, [{ name: 'course.pdf', bytes: pdf }], { token: ana.access, metadata: { title: 'Course' } });
    expect(res.status).toBe(201);
    await (runtime.queue as InProcessJobQueue).drain();

    const job = spans().find((s) => s.name === 'job generate_cards');
    expect(
      job,
      spans()
        .map((s) => s.name)
        .join(', '),
    ).toBeDefined();
    const docId = res.body.document_ids[0];
    const status = await call(app, 'GET', `/api/v1/documents/${docId}`, { token: ana.access });
    expect(job!.attributes['opendeck.job.outcome'], JSON.stringify(status.body)).toBe('completed');
    const uploadSpan = spans().find((s) => s.name === 'POST /api/v1/documents/upload')!;
    expect(job!.spanContext().traceId).not.toBe(uploadSpan.spanContext().traceId);
    expect(job!.links.map((l) => l.context.spanId)).toContain(uploadSpan.spanContext().spanId);
    const children = childrenOf(job!).map((s) => s.name);
    expect(children).toEqual(expect.arrayContaining(['extract pdf', 'db documents.markProcessing', 'db documents.complete']));
    expect(children.some((name) => /^model offline /.test(name))).toBe(true);

    const after = await scrape();
    expect(before).not.toMatch(/opendeck_job_duration_seconds_count\{outcome="completed"\}/);
    expect(after).toMatch(/opendeck_job_duration_seconds_count\{outcome="completed"\} 1\n/);
    expect(after).toMatch(/opendeck_pages_extracted_total\{format="pdf"\} 3\n/);
    expect(after).toMatch(/opendeck_model_call_duration_seconds_count\{provider="offline",model="[^"]+",outcome="ok"\} [1-9]/);
    expect(after).toMatch(/opendeck_queue_jobs\{state="waiting"\} 0/);
    expect(after).toMatch(
      /opendeck_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/documents\/upload",status="201"\} 1\n/,
    );
    expect(after).toMatch(/process_resident_memory_bytes \d+/);
    expect(after).toMatch(/nodejs_heap_size_used_bytes \d+/);
  });

  it('labels requests by route template only, counts unmatched paths under one label, and guards /metrics', async (ctx) => {
    if (!runtime) return ctx.skip();
    const { app } = runtime;
    const ana = await signUp(app);
    for (let i = 0; i < 3; i++) await call(app, 'GET', `/api/v1/decks/${crypto.randomUUID()}`, { token: ana.access });
    await call(app, 'GET', `/no/such/${crypto.randomUUID()}`);
    const text = await scrape();
    expect(text).toMatch(
      /opendeck_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/decks\/:deck_id",status="404"\} 3\n/,
    );
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    expectProblem(await call(app, 'GET', '/metrics'), 401, 'unauthorized');
    expectProblem(await call(app, 'GET', '/metrics', { token: 'wrong-token-of-some-length' }), 401, 'unauthorized');
  });
});
