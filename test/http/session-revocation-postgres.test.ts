/**
 * Two instances of the real composition root on one PostgreSQL database, as two servers (or two cluster
 * workers) run. Each caches session validity; a logout or a refresh-token reuse on one must be refused by the
 * other within 1 s (LISTEN/NOTIFY), and the cache must really be in use (else the test proves nothing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { call, signUp, type SignedIn } from './support.js';

type App = Runtime['app'];

const me = (app: App, who: SignedIn) => call(app, 'GET', '/api/v1/auth/me', { token: who.access });

/** Milliseconds until `app` refuses the token, polling every 20 ms; fails past 1 s. */
async function refusedWithin(app: App, who: SignedIn, started: number): Promise<number> {
  for (;;) {
    const res = await me(app, who);
    const elapsed = Date.now() - started;
    if (res.status === 401) return elapsed;
    expect(res.status).toBe(200);
    if (elapsed > 1_000) throw new Error(`still accepted ${elapsed} ms after the revocation`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One accepted request, which leaves the session cached on that instance. */
async function warm(app: App, who: SignedIn) {
  expect((await me(app, who)).status).toBe(200);
}

describe('session revocation across two instances on one PostgreSQL', () => {
  let db: TestDatabase | null = null;
  let a: Runtime | undefined;
  let b: Runtime | undefined;
  let admin: pg.Client | undefined;
  let dataDir = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    if (!db) return;
    dataDir = mkdtempSync(path.join(tmpdir(), 'od-revoke-'));
    const config = loadConfig({}, { DATA_DIR: dataDir, DATABASE_URL: db.url, SECRET_KEY: 'r'.repeat(40), RATE_LIMIT_REGISTER_IP: 'off' });
    a = await buildRuntime(config, pino({ level: 'silent' }));
    b = await buildRuntime(config, pino({ level: 'silent' }));
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    // Both listeners are up once a pg_stat_activity row runs LISTEN for each instance.
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where query like 'LISTEN %'");
      if (rows[0].n >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);

  afterAll(async () => {
    await admin?.end();
    await a?.close();
    await b?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from the cache: a revocation written behind its back is not seen until announced', async (ctx) => {
    if (!a || !b || !admin) return ctx.skip();
    const ana = await signUp(a.app);
    await warm(b.app, ana);
    // No NOTIFY: the cached "active" stands (one round trip per read); the database says otherwise.
    await admin.query('update sessions set revoked_at = now() where user_id = $1', [ana.userId]);
    expect((await me(b.app, ana)).status).toBe(200);
    const started = Date.now();
    const { rows } = await admin.query('select id from sessions where user_id = $1', [ana.userId]);
    await admin.query("select pg_notify('opendeck_session_revoked', $1)", [rows[0].id]);
    expect(await refusedWithin(b.app, ana, started)).toBeLessThan(1_000);
  });

  it('refuses a token logged out on the other instance within 1 s', async (ctx) => {
    if (!a || !b) return ctx.skip();
    const ana = await signUp(a.app);
    await warm(b.app, ana);
    await warm(a.app, ana);
    const started = Date.now();
    expect((await call(a.app, 'POST', '/api/v1/auth/logout', { token: ana.access })).status).toBe(204);
    expect((await me(a.app, ana)).status).toBe(401);
    expect(await refusedWithin(b.app, ana, started)).toBeLessThan(1_000);
  });

  it('refuses the session on the other instance within 1 s once a refresh token is reused', async (ctx) => {
    if (!a || !b) return ctx.skip();
    const ana = await signUp(b.app);
    const rotated = await call(a.app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: ana.refresh } });
    expect(rotated.status).toBe(200);
    const fresh: SignedIn = { ...ana, access: rotated.body.access_token };
    await warm(b.app, fresh);
    await warm(b.app, ana);
    const started = Date.now();
    // The used refresh token again: theft; the whole session ends, both access tokens with it.
    expect((await call(a.app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: ana.refresh } })).status).toBe(401);
    expect(await refusedWithin(b.app, fresh, started)).toBeLessThan(1_000);
    expect((await me(b.app, ana)).status).toBe(401);
  });
});
