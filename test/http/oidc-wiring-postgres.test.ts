/**
 * AUTH_PROVIDER=oidc through the composition root (buildRuntime from loadConfig) on the PostgreSQL server:
 * config -> verifier wiring, the Postgres identity repository, and the OpenAPI document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { keycloakClaims, startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { call, expectProblem } from './support.js';

let kc: TestIssuer;
let database: TestDatabase | null;
let runtime: Runtime | undefined;
let dataDir: string;

beforeAll(async () => {
  kc = await startTestIssuer('/realms/wired');
  database = await createTestDatabase();
  if (!database) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-oidc-wiring-'));
  const config = loadConfig(
    {},
    {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      SECRET_KEY: 'w'.repeat(40),
      AUTH_PROVIDER: 'oidc',
      OIDC_ISSUER: kc.issuer,
      OIDC_AUDIENCE: 'opendeck',
    },
  );
  runtime = await buildRuntime(config, pino({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await database?.drop();
  await kc.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('AUTH_PROVIDER=oidc wired from config', () => {
  it('creates the account on first use, in PostgreSQL, and finds it again', async (ctx) => {
    if (!runtime) return ctx.skip();
    const { app } = runtime;
    const claims = keycloakClaims('opendeck');
    const first = await call(app, 'GET', '/api/v1/auth/me', { token: await kc.sign(claims) });
    expect(first.status).toBe(200);
    const again = await call(app, 'GET', '/api/v1/auth/me', { token: await kc.sign({ ...claims, jti: undefined }) });
    expect(again.body.id).toBe(first.body.id);
    expect((await runtime.ports.users.findByEmail(claims.email as string))?.password_hash).toBeNull();
    expectProblem(await call(app, 'POST', '/api/v1/auth/login', { body: { email: claims.email, password: 'x' } }), 403, 'forbidden');
    expect((await call(app, 'GET', '/api/v1/auth/config')).body.methods).toEqual(['oidc']);
  });

  it('ten first requests at once make one account, settled by the database constraints', async (ctx) => {
    if (!runtime) return ctx.skip();
    const claims = keycloakClaims('opendeck');
    const tokens = await Promise.all(Array.from({ length: 10 }, () => kc.sign({ ...claims, jti: undefined })));
    const answers = await Promise.all(tokens.map((token) => call(runtime!.app, 'GET', '/api/v1/auth/me', { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('documents GET /auth/config and both kinds of bearer token in the OpenAPI document', async (ctx) => {
    if (!runtime) return ctx.skip();
    const doc = (await call(runtime.app, 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/v1/auth/config'].get.responses)).toEqual(['200', '502']);
    expect(doc.components.securitySchemes.bearerAuth.description).toMatch(/OIDC issuer \(Keycloak, Cognito\)/);
    expect(doc.paths['/api/v1/auth/login'].post.responses['403'].description).toMatch(/AUTH_PROVIDER=oidc/);
  });
});
