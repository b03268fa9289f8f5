/**
 * Found by the OpenAPI fuzz: PostgreSQL refuses U+0000 in any statement, so a NUL in a name, a title or a
 * search term was a 500. On the real wiring (PostgreSQL server) it is now a 422 validation problem.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { call, createDeck, expectProblem, PASSWORD, signUp, uniqueEmail } from './support.js';

let runtime: Runtime | undefined;
let db: TestDatabase | null = null;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  if (!db) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-nul-'));
  runtime = await buildRuntime(
    loadConfig({}, { DATA_DIR: dataDir, DATABASE_URL: db.url, SECRET_KEY: 'u'.repeat(40) }),
    pino({ level: 'silent' }),
  );
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('text with U+0000 on PostgreSQL', () => {
  it('is refused with 422 in bodies and in search terms, and stores nothing', async (ctx) => {
    if (!runtime) return ctx.skip();
    const { app } = runtime;
    const email = uniqueEmail('nul');
    const nulName = await call(app, 'POST', '/api/v1/auth/register', { body: { email, name: 'A\u0000B', password: PASSWORD } });
    expect(expectProblem(nulName, 422, 'validation').detail).toMatch(/NUL/);
    const ana = await signUp(app, email); // the refused sign-up left no account behind
    expectProblem(await call(app, 'POST', '/api/v1/decks', { token: ana.access, body: { title: 'x\u0000' } }), 422, 'validation');
    const deck = await createDeck(app, ana.access);
    expectProblem(
      await call(app, 'PUT', `/api/v1/cards/${crypto.randomUUID()}`, {
        token: ana.access,
        body: { question: 'q', answer: 'a', source: '\u0000' },
      }),
      422,
      'validation',
    );
    expectProblem(await call(app, 'GET', '/api/v1/decks?q=a%00b', { token: ana.access }), 422, 'validation');
    expect((await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: ana.access })).body.title).toBe('Deck');
  });
});
