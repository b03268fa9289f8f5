/**
 * The real service over real HTTP: `opendeck serve` started as its own process on the embedded database,
 * exactly as `npm start` runs it (from source here, so the test needs no build step).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type RunningServer } from '../support/spawn-server.js';

const CLI = ['--import', 'tsx', path.resolve('src/bin/cli.ts')];
const PASSWORD = 'correct horse battery staple';
let dataDir: string;
let server: RunningServer;

async function call(method: string, route: string, body?: unknown, token?: string) {
  const response = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-'));
  server = await spawnServer([...CLI, 'serve', '--port', '0'], { DATA_DIR: dataDir, DATABASE_URL: '', SECRET_KEY: '', LOG_LEVEL: 'info' });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('opendeck serve (embedded database, real HTTP)', () => {
  it('serves the whole flow: register, deck, card, refresh, logout', async () => {
    const registered = await call('POST', '/auth/register', { email: ' Ana@Example.com ', name: 'Ana', password: PASSWORD });
    expect(registered.status).toBe(201);
    expect(registered.body.user.email).toBe('ana@example.com');

    const login = await call('POST', '/auth/login', { email: 'ana@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;

    const deck = await call('POST', '/decks', { title: 'Cell biology', difficulty: 'Advanced' }, token);
    expect(deck.status).toBe(201);
    expect(deck.body).toMatchObject({ title: 'Cell biology', difficulty: 'advanced', card_count: 0 });
    expect(deck.body.created_at).toMatch(/Z$/);

    const card = await call('POST', `/decks/${deck.body.id}/cards`, { question: 'Q?', answer: 'A', source: 'Bio.pdf - Page 1' }, token);
    expect(card.status).toBe(201);
    expect((await call('GET', `/decks/${deck.body.id}`, undefined, token)).body.card_count).toBe(1);

    const refreshed = await call('POST', '/auth/refresh', { refresh_token: login.body.refresh_token });
    expect(refreshed.status).toBe(200);
    // Reusing a spent refresh token ends the whole sign-in, including the pair the refresh just issued.
    expect((await call('POST', '/auth/refresh', { refresh_token: login.body.refresh_token })).status).toBe(401);
    expect((await call('GET', '/auth/me', undefined, refreshed.body.access_token)).status).toBe(401);
    expect((await call('GET', '/auth/me', undefined, token)).status).toBe(401);

    const second = await call('POST', '/auth/login', { email: 'ana@example.com', password: PASSWORD });
    expect((await call('GET', '/auth/me', undefined, second.body.access_token)).body.email).toBe('ana@example.com');
    expect((await call('POST', '/auth/logout', undefined, second.body.access_token)).status).toBe(204);
    expect((await call('POST', '/auth/refresh', { refresh_token: second.body.refresh_token })).status).toBe(401);
    const after = await call('GET', '/auth/me', undefined, second.body.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers problems for bad input, echoes the request id, and logs no secrets', async () => {
    const response = await fetch(`${server.url}/api/v1/decks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-trace-1' },
      body: '{"title": ',
    });
    expect(response.headers.get('x-request-id')).toBe('e2e-trace-1');
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);

    // Logs are written asynchronously: give the access-log line a moment to arrive.
    for (let i = 0; i < 50 && !server.lines.some((l) => l.includes('e2e-trace-1')); i++) await new Promise((r) => setTimeout(r, 50));
    const logs = server.lines.join('\n');
    expect(logs).toContain('e2e-trace-1');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT anywhere in the logs
  });

  it('serves liveness, readiness, the OpenAPI document and the offline docs page', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const spec = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string };
    expect(spec.openapi).toMatch(/^3\.1/);
    const docs = await fetch(`${server.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  it('refuses a second process on the same data directory with a clear message', () => {
    const second = spawnSync(process.execPath, [...CLI, 'serve', '--port', '0'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/already in use/i);
  });
});

describe('opendeck command line', () => {
  it('prints help and version, and names a bad variable', () => {
    const help = spawnSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve/);
    expect(help.stdout).toMatch(/migrate/);
    const version = spawnSync(process.execPath, [...CLI, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = spawnSync(process.execPath, [...CLI, 'serve'], { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8' });
    expect(bad.status).toBe(78);
    expect(bad.stderr).toMatch(/PORT/);
  });
});
