/**
 * The HTTP app as production builds it (the real composition root, through test/support/test-root.ts), with
 * real token signing (jose), real argon2id hashing and the real password blocklist; only storage is the
 * in-memory repositories (which pass the same contract suite as PostgreSQL). Requests go through
 * `app.request`, so no port is opened.
 */
import type { HttpApp, HttpDeps } from '../../src/adapters/http/app.js';
import type { Ports } from '../../src/core/index.js';
import type { JwtSettings } from '../../src/infra/auth/jwt-token-signer.js';
import { buildTestRuntime, TEST_SECRET_KEY, type TestRootOptions } from '../support/test-root.js';

export const JWT: JwtSettings = { secretKey: TEST_SECRET_KEY, issuer: 'opendeck', audience: 'opendeck-api' };
export const ACCESS_TTL = 900;

export interface TestApp {
  app: HttpApp;
  ports: Ports;
  /** Every log line the app wrote so far, parsed. */
  logs: () => Record<string, unknown>[];
  /** The raw log output, to check that no secret ever reaches it. */
  rawLog: () => string;
}

export type TestAppOptions = Partial<Omit<HttpDeps, 'logger' | 'ports'>> & Pick<TestRootOptions, 'ports' | 'queue' | 'env'>;

export function buildTestApp(options: TestAppOptions = {}): TestApp {
  const { ports, queue, env, ...http } = options;
  const { runtime, lines } = buildTestRuntime({ ports, queue, env, http });
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app: runtime.app, ports: runtime.ports, logs, rawLog: () => lines.join('') };
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
