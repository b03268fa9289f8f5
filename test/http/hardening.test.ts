/**
 * Hardening of every response: security headers (a strict CSP for the API, one that lets /docs run its own
 * assets), request timeouts (uploads exempt), Connection: close while draining, and a body limit on every route.
 */
import { describe, expect, it } from 'vitest';
import { API_PREFIX, MAX_BODY_BYTES } from '../../src/adapters/http/app.js';
import { API_CSP, DOCS_CSP } from '../../src/adapters/http/middleware/security-headers.js';
import { uploadRequestLimit } from '../../src/adapters/http/multipart.js';
import { buildDocumentTestApp, send, uploadOne } from './documents-support.js';
import { buildTestApp, call, expectProblem, signUp } from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request body that arrives in pieces, `gapMs` apart: a slow client. */
function trickle(chunks: string[], gapMs: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent === chunks.length) return controller.close();
      if (sent > 0) await sleep(gapMs);
      controller.enqueue(encoder.encode(chunks[sent++]));
    },
  });
}

function expectSecurityHeaders(headers: Headers, csp: string) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('content-security-policy')).toBe(csp);
}

describe('security headers', () => {
  it('are on successes, errors and the docs, with a CSP per kind of response; HSTS only when asked', async () => {
    const { app } = buildTestApp();
    for (const [path, status] of [
      ['/health', 200],
      ['/api/v1/decks', 401],
      ['/nowhere', 404],
      ['/openapi.json', 200],
    ] as const) {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers, API_CSP);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    for (const path of ['/docs', '/docs/assets/swagger-ui-bundle.js'])
      expectSecurityHeaders((await call(app, 'GET', path)).headers, DOCS_CSP);
    const production = buildTestApp({ hsts: true });
    expect((await call(production.app, 'GET', '/health')).headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('the docs CSP allows exactly what the docs page loads: same-origin files, no inline script', async () => {
    const html = (await call(buildTestApp().app, 'GET', '/docs')).text;
    const loads = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(loads.length).toBeGreaterThanOrEqual(3);
    for (const url of loads) expect(url).toMatch(/^\/docs\/assets\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // every script has a src
    expect(DOCS_CSP).toMatch(/script-src 'self';/);
    expect(DOCS_CSP).toMatch(/connect-src 'self'/); // fetches /openapi.json and "Try it out" calls
    expect(DOCS_CSP).toMatch(/frame-ancestors 'none'/);
  });

  it("keep a handler's own CSP: a downloaded document stays sandboxed", async () => {
    const { app } = buildDocumentTestApp();
    const user = await signUp(app);
    const uploaded = await uploadOne(app, user.access, { name: 'notes.txt', bytes: 'Osmosis is the movement of water.' });
    const res = await send(app, 'GET', `/api/v1/documents/${uploaded.document_ids[0]}/file`, { token: user.access });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('draining', () => {
  it('answers /ready 503 and closes keep-alive connections while shutting down, not before', async () => {
    let draining = false;
    const { app } = buildTestApp({ isShuttingDown: () => draining });
    const before = await call(app, 'GET', '/ready');
    expect(before.status).toBe(200);
    expect(before.headers.get('connection')).toBeNull();
    draining = true;
    const ready = await call(app, 'GET', '/ready');
    expectProblem(ready, 503, 'unavailable');
    expect(ready.headers.get('connection')).toBe('close');
    expect((await call(app, 'GET', '/health')).headers.get('connection')).toBe('close');
  });
});

describe('request timeouts', () => {
  it('answer 503 with a clear problem when a request outlives REQUEST_TIMEOUT (a database that hangs)', async () => {
    const { app } = buildTestApp({ requestTimeoutMs: 150, probe: { check: async () => void (await sleep(2_000)) } });
    const started = Date.now();
    const res = await call(app, 'GET', '/ready');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(expectProblem(res, 503, 'unavailable').detail).toMatch(/within 0\.15 seconds/);
    expectSecurityHeaders(res.headers, API_CSP);
    expect((await call(app, 'GET', '/health')).status).toBe(200);
  });

  it('cut a slow JSON body off, but let a slow upload finish', async () => {
    const { app } = buildDocumentTestApp({ http: { requestTimeoutMs: 1_000 } });
    const user = await signUp(app);
    const slowJson = send(app, 'POST', '/api/v1/decks', {
      token: user.access,
      headers: { 'content-type': 'application/json' },
      body: trickle(['{"title": ', '"Slow', ' deck"', '}'], 600),
    });
    const boundary = 'hardening-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const slowUpload = send(app, 'POST', '/api/v1/documents/upload', {
      token: user.access,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: trickle([part, 'Diffusion is the spread ', 'of particles from high ', `to low concentration.\r\n--${boundary}--\r\n`], 600),
    });
    const [json, uploaded] = await Promise.all([slowJson, slowUpload]);
    expectProblem(json, 503, 'unavailable');
    expect(uploaded.status).toBe(201);
  });
});

describe('body limits', () => {
  it('every route of the contract refuses a body over 1 MB; the upload has its own, larger limit', async () => {
    // Small upload settings, so the upload's own limit (files x size + overhead) is cheap to cross.
    const { app, ports } = buildDocumentTestApp({ settings: { maxFilesPerUpload: 1, maxUploadBytes: MAX_BODY_BYTES } });
    const spec = (await call(app, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES) });
    const uploadPath = `${API_PREFIX}/documents/upload`;
    let checked = 0;
    for (const [template, operations] of Object.entries(spec.paths)) {
      const path = template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        // GET and HEAD bodies are never read: the Node adapter does not even hand them to the app.
        if (path === uploadPath || method === 'GET' || method === 'HEAD') continue;
        const res = await send(app, method, path, { body: big, headers: { 'content-type': 'application/json' } });
        expect(res.status, `${method} ${template}`).toBe(413);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);

    const limit = uploadRequestLimit(ports.documentSettings);
    const declared = { 'content-type': 'multipart/form-data; boundary=x' };
    const { access: token } = await signUp(app);
    const overLimit = await send(app, 'POST', uploadPath, { token, headers: declared, body: 'x'.repeat(limit + 1) });
    expect(expectProblem(overLimit, 413, 'payload_too_large').detail).toMatch(/upload is larger than/);
    // Above 1 MB but within the upload's own limit: read, and refused only as an unreadable form.
    const withinLimit = await send(app, 'POST', uploadPath, { token, headers: declared, body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expectProblem(withinLimit, 400, 'bad_request');
  });
});
