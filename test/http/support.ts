/**
 * Builds the HTTP app the way production does, with real token signing (jose), real argon2id hashing and
 * the real password blocklist; only storage is the in-memory repositories (which pass the same contract
 * suite as Postgres). Requests go through `app.request`, so no port is opened.
 */
import pino from 'pino';
import { createHttpApp, type HttpApp, type HttpDeps } from '../../src/adapters/http/app.js';
import type { Clock, HealthProbe, Ports } from '../../src/core/index.js';
import { Argon2PasswordHasher } from '../../src/infra/auth/argon2-password-hasher.js';
import { CommonPasswordBlocklist } from '../../src/infra/auth/common-password-blocklist.js';
import { JwtTokenSigner, type JwtSettings } from '../../src/infra/auth/jwt-token-signer.js';
import { createMemoryRepositories } from '../../src/infra/memory/index.js';
import { systemClock, uuidGenerator } from '../../src/infra/system/system-clock.js';

export const JWT: JwtSettings = {
  secretKey: 'http-test-secret-key-0123456789-abcdefghijklmnop',
  issuer: 'opendeck',
  audience: 'opendeck-api',
};
export const ACCESS_TTL = 900;

// Loaded once per test file: the blocklist parses ~49k passwords.
const hasher = new Argon2PasswordHasher();
const blocklist = new CommonPasswordBlocklist();

/** Real time, but never the same instant twice, so "newest first" orders are deterministic in tests. */
function strictlyIncreasingClock(): Clock {
  let last = 0;
  return {
    now: () => {
      last = Math.max(systemClock.now().getTime(), last + 1);
      return new Date(last);
    },
  };
}

export interface TestApp {
  app: HttpApp;
  ports: Ports;
  /** Every log line the app wrote so far, parsed. */
  logs: () => Record<string, unknown>[];
  /** The raw log output, to check that no secret ever reaches it. */
  rawLog: () => string;
}

export function buildTestApp(overrides: Partial<Omit<HttpDeps, 'logger'>> & { ports?: Partial<Ports> } = {}): TestApp {
  const ports: Ports = {
    ...createMemoryRepositories(),
    hasher,
    blocklist,
    tokens: new JwtTokenSigner(JWT),
    clock: strictlyIncreasingClock(),
    ids: uuidGenerator,
    auth: { accessTokenTtlSeconds: ACCESS_TTL, refreshTokenTtlSeconds: 30 * 86400 },
    ...overrides.ports,
  };
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const okProbe: HealthProbe = { check: async () => {} };
  const app = createHttpApp({
    ports,
    probe: overrides.probe ?? okProbe,
    logger,
    corsOrigins: overrides.corsOrigins ?? ['https://app.example.com'],
    version: overrides.version ?? '9.9.9-test',
    isShuttingDown: overrides.isShuttingDown,
    hsts: overrides.hsts,
    requestTimeoutMs: overrides.requestTimeoutMs,
    metrics: overrides.metrics,
    metricsToken: overrides.metricsToken,
    tracer: overrides.tracer,
    rateLimits: overrides.rateLimits,
    trustProxy: overrides.trustProxy,
    uploadTempDir: overrides.uploadTempDir,
  });
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, ports, logs, rawLog: () => lines.join('') };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One JSON request; `body` is serialised and sent as application/json. */
export async function call(app: HttpApp, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && /json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${process.pid}-${++counter}@example.com`;
export const PASSWORD = 'a sufficiently long passphrase';

export interface SignedIn {
  email: string;
  userId: string;
  access: string;
  refresh: string;
}

export async function signUp(app: HttpApp, email = uniqueEmail()): Promise<SignedIn> {
  const res = await call(app, 'POST', '/api/v1/auth/register', { body: { email, name: 'Test User', password: PASSWORD } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { email, userId: res.body.user.id, access: res.body.access_token, refresh: res.body.refresh_token };
}

export async function createDeck(app: HttpApp, token: string, body: Record<string, unknown> = { title: 'Deck' }) {
  const res = await call(app, 'POST', '/api/v1/decks', { token, body });
  if (res.status !== 201) throw new Error(`create deck failed: ${res.status} ${res.text}`);
  return res.body as { id: string; card_count: number; [k: string]: unknown };
}

export const CARD = { question: 'What is ATP?', answer: 'The energy currency of the cell.', source: 'Biology101.pdf - Page 3' };

export async function createCard(app: HttpApp, token: string, deckId: string, body: Record<string, unknown> = CARD) {
  const res = await call(app, 'POST', `/api/v1/decks/${deckId}/cards`, { token, body });
  if (res.status !== 201) throw new Error(`create card failed: ${res.status} ${res.text}`);
  return res.body as { id: string; [k: string]: unknown };
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const isIsoUtc = (v: unknown) => typeof v === 'string' && ISO_Z.test(v);

/** Asserts the RFC 9457 shape every error of the API must have; returns the body for further checks. */
export function expectProblem(res: CallResult, status: number, code: string) {
  const problem = res.body;
  const failures: string[] = [];
  if (res.status !== status) failures.push(`status ${res.status} != ${status}`);
  if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? ''))
    failures.push(`content-type ${res.headers.get('content-type')}`);
  if (!problem || typeof problem !== 'object') failures.push('no JSON body');
  else {
    if (problem.type !== `https://opendeck.dev/problems/${code}`) failures.push(`type ${problem.type}`);
    if (problem.code !== code) failures.push(`code ${problem.code}`);
    if (problem.status !== status) failures.push(`body status ${problem.status}`);
    if (typeof problem.title !== 'string' || !problem.title) failures.push('title');
    if (typeof problem.detail !== 'string' || problem.detail.length < 10) failures.push(`detail ${problem.detail}`);
    if (problem.request_id !== res.headers.get('x-request-id')) failures.push('request_id does not match X-Request-Id');
    if (/ZodError|"issues"|\bat .*\.(ts|js):\d+/.test(res.text)) failures.push('leaks internals');
  }
  if (failures.length) throw new Error(`not the expected ${status} ${code} problem (${failures.join('; ')}): ${res.text}`);
  return problem as { detail: string; errors?: { path: string; message: string }[]; [k: string]: unknown };
}
