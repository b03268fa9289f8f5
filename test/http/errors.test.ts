/** The error model on every path: RFC 9457 problems for routing, parsing, size, type and unexpected failures. */
import { beforeAll, describe, expect, it } from 'vitest';
import { CoreError, ERROR_CODES, type ErrorCode } from '../../src/core/index.js';
import { PASSWORD, buildTestApp, call, createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const { app, logs, rawLog } = buildTestApp();
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});

async function raw(path: string, init: RequestInit & { duplex?: 'half' }) {
  const res = await app.request(path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('routing', () => {
  it('an unknown route is a 404 problem', async () => {
    expectProblem(await call(app, 'GET', '/api/v1/nope'), 404, 'not_found');
    expectProblem(await call(app, 'GET', '/'), 404, 'not_found');
    expectProblem(await call(app, 'POST', '/api/v2/decks', { body: {} }), 404, 'not_found');
  });

  it('a known path with the wrong method is a 405 problem with Allow', async () => {
    const res = await call(app, 'PATCH', `/api/v1/decks/3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f`, { token: user.access });
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('DELETE, GET, HEAD, PUT');
    expect((await call(app, 'DELETE', '/api/v1/auth/login')).headers.get('allow')).toBe('POST');
  });
});

describe('request bodies', () => {
  const post = (body: string, headers: Record<string, string>) =>
    raw('/api/v1/decks', { method: 'POST', body, headers: { Authorization: `Bearer ${user.access}`, ...headers } });

  it('malformed JSON is a 400 problem', async () => {
    for (const body of ['{"title": ', '{title: 1}', 'not json']) {
      const res = await post(body, { 'Content-Type': 'application/json' });
      expect(expectProblem(res, 400, 'bad_request').detail).toBe('The request body is not valid JSON.');
    }
    expectProblem(
      await raw('/api/v1/auth/login', { method: 'POST', body: '{', headers: { 'Content-Type': 'application/json' } }),
      400,
      'bad_request',
    );
  });

  it('a body that is not application/json is a 415 problem', async () => {
    expectProblem(await post('title=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    expectProblem(await post('{"title":"x"}', { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type');
    expectProblem(await post('{"title":"x"}', {}), 415, 'unsupported_media_type');
    // A charset parameter is fine.
    expect((await post('{"title":"x"}', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it('a JSON body that is not an object is a 422 problem', async () => {
    const problem = expectProblem(await post('[1,2]', { 'Content-Type': 'application/json' }), 422, 'validation');
    expect(problem.errors).toEqual([{ path: '(body)', message: 'must be an object' }]);
  });

  const big = JSON.stringify({ title: 't', description: 'x'.repeat(1024 * 1024) });

  it('a body over 1 MB is a 413 problem (with Content-Length)', async () => {
    const res = await post(big, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('a body over 1 MB is a 413 problem when chunked (no Content-Length)', async () => {
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await raw('/api/v1/decks', {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { Authorization: `Bearer ${user.access}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('a body just under 1 MB gets through to validation', async () => {
    const body = JSON.stringify({ title: 't', description: 'x'.repeat(1000 * 1000) });
    const problem = expectProblem(await post(body, { 'Content-Type': 'application/json' }), 422, 'validation');
    expect(problem.errors?.[0]?.path).toBe('description');
  });
});

describe('error mapping table', () => {
  const expected: Record<ErrorCode, number> = {
    bad_request: 400,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    payload_too_large: 413,
    unsupported_media_type: 415,
    validation: 422,
    unprocessable: 422,
    rate_limited: 429,
    internal: 500,
    upstream_unavailable: 502,
    unavailable: 503,
  };

  it.each([...ERROR_CODES])('CoreError %s becomes its status and a problem', async (code) => {
    const failing = buildTestApp();
    const who = await signUp(failing.app);
    failing.ports.decks.list = async () => {
      throw new CoreError(code, 'Explained in one sentence.', code === 'rate_limited' ? { retryAfterSeconds: 30 } : {});
    };
    const res = await call(failing.app, 'GET', '/api/v1/decks', { token: who.access });
    expect(expectProblem(res, expected[code], code).detail).toBe('Explained in one sentence.');
    if (code === 'rate_limited') expect(res.headers.get('retry-after')).toBe('30');
    if (code === 'unauthorized') expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('an unexpected error is a 500 problem without internals, logged with its stack', async () => {
    const failing = buildTestApp();
    const who = await signUp(failing.app);
    failing.ports.decks.get = async () => {
      throw new Error('connection to db-secret-host:5432 refused');
    };
    const res = await call(failing.app, 'GET', '/api/v1/decks/3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f', { token: who.access });
    expectProblem(res, 500, 'internal');
    expect(res.text).not.toMatch(/db-secret-host|Error:|\.ts:|\.js:/);
    const logged = failing.logs().find((l) => l.msg === 'unhandled error') as any;
    expect(logged.request_id).toBe(res.body.request_id);
    expect(logged.err.stack).toMatch(/db-secret-host/);
  });
});

describe('request id', () => {
  it('echoes a sane X-Request-Id and uses it in problems', async () => {
    const res = await call(app, 'GET', '/api/v1/nope', { headers: { 'X-Request-Id': 'abc-123_x.y' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123_x.y');
    expect(res.body.request_id).toBe('abc-123_x.y');
  });

  it.each([['with spaces and <tags>'], ['x'.repeat(129)], ['line\u00e9break']])(
    'replaces an unsafe one (%#) with a UUID',
    async (given) => {
      const res = await call(app, 'GET', '/health', { headers: { 'X-Request-Id': given } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );

  it('generates one when none is sent, different per request', async () => {
    const [a, b] = await Promise.all([call(app, 'GET', '/health'), call(app, 'GET', '/health')]);
    expect(a.headers.get('x-request-id')).toBeTruthy();
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});

describe('access log', () => {
  it('writes one line per request with the route template, and never a password or token', async () => {
    const deck = await createDeck(app, user.access);
    await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: user.access, headers: { 'X-Request-Id': 'log-check-1' } });
    const line = logs().find((l) => l.request_id === 'log-check-1');
    expect(line).toMatchObject({ method: 'GET', route: '/api/v1/decks/:deck_id', status: 200, msg: 'request' });
    expect(typeof line?.duration_ms).toBe('number');
    await call(app, 'GET', '/nowhere', { headers: { 'X-Request-Id': 'log-check-2' } });
    expect(logs().find((l) => l.request_id === 'log-check-2')).toMatchObject({ route: null, status: 404 });
    const text = rawLog();
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(user.access);
    expect(text).not.toContain(user.refresh);
    expect(text).not.toMatch(/authorization/i);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin, allowing Authorization', async () => {
    const res = await app.request('/api/v1/decks', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('exposes X-Request-Id to allowed origins and says nothing to others', async () => {
    const ok = await app.request('/health', { headers: { Origin: 'https://app.example.com' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const other = await app.request('/health', { headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
