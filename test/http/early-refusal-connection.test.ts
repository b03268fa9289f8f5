/**
 * Issue 12, defect 3: a body refused before it was read (413, 415) must not leave a pooled client holding a
 * socket the server is about to drop. The refusal says Connection: close, so the next request opens a new one.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentTestApp } from './documents-support.js';
import { listen, request, type Listening } from './listen.js';
import { signUp } from './support.js';

const t = buildDocumentTestApp();
let server: Listening;
let token: string;
beforeAll(async () => {
  server = await listen(t.app);
  token = (await signUp(t.app)).access;
});
afterAll(() => server.close());

const json = (body: string | Buffer) => ({
  'Content-Type': 'application/json',
  Authorization: `Bearer ${token}`,
  'Content-Length': String(Buffer.byteLength(body)),
});

describe('a keep-alive client after an early refusal', () => {
  it('gets a 413 for a 1.1 MB JSON body that says Connection: close, and its next request succeeds', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const big = JSON.stringify({ title: 'x'.repeat(1_100_000) });
    const refused = await request(agent, server.port, { method: 'POST', path: '/api/v1/decks', headers: json(big), body: big });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    const next = await request(agent, server.port, { method: 'GET', path: '/health' });
    expect(next.status).toBe(200);
    agent.destroy();
  });

  it('the same after a 413 on a chunked body without Content-Length', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const big = JSON.stringify({ title: 'x'.repeat(1_100_000) });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' };
    const refused = await request(agent, server.port, { method: 'POST', path: '/api/v1/decks', headers, body: big });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    expect((await request(agent, server.port, { method: 'GET', path: '/health' })).status).toBe(200);
    agent.destroy();
  });

  it('the same after a 415 on the upload route and after an oversized upload', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const notMultipart = await request(agent, server.port, {
      method: 'POST',
      path: '/api/v1/documents/upload',
      body,
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${token}`, 'Content-Length': String(body.length) },
    });
    expect(notMultipart.status).toBe(415);
    expect(notMultipart.headers.connection).toBe('close');
    expect((await request(agent, server.port, { method: 'GET', path: '/health' })).status).toBe(200);

    const boundary = 'xyz';
    const tooBig = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n`),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const refused = await request(agent, server.port, {
      method: 'POST',
      path: '/api/v1/documents/upload',
      body: tooBig,
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        Authorization: `Bearer ${token}`,
        'Content-Length': String(tooBig.length),
      },
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    expect((await request(agent, server.port, { method: 'GET', path: '/health' })).status).toBe(200);
    agent.destroy();
  });
});
