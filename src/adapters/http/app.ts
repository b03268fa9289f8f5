/**
 * The HTTP adapter: wires middleware, the route contracts of each area, the error model and the docs.
 * It builds no ports itself; the composition root (src/main.ts) and the tests hand them in.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Tracer } from '@opentelemetry/api';
import { bodyLimit } from 'hono/body-limit';
import type { Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Logger } from 'pino';
import { CoreError, type HealthProbe, type Ports } from '../../core/index.js';
import { authRoutes } from './auth.handlers.js';
import { cardRoutes } from './cards.handlers.js';
import { deckRoutes } from './decks.handlers.js';
import { docsRoutes } from './docs.js';
import { documentRoutes } from './documents.handlers.js';
import { exchangeRoutes } from './exchange.handlers.js';
import { IMPORT_PATH } from './exchange.routes.js';
import { UPLOAD_PATH } from './documents.routes.js';
import type { AppEnv } from './env.js';
import { healthRoutes } from './health.handlers.js';
import { clientIp } from './client-ip.js';
import { metricsRoutes } from './metrics.routes.js';
import { requestMetrics, serverSpans, type HttpMetrics } from './middleware/observe.js';
import type { HttpRateLimits } from './rate-limits.js';
import { accessLog } from './middleware/access-log.js';
import { closeAfterRefusedBody } from './middleware/close-after-refusal.js';
import { closeConnectionsWhile } from './middleware/draining.js';
import { requestTimeout } from './middleware/request-timeout.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { strictJsonBody } from './middleware/strict-json.js';
import { notFoundHandler } from './not-found.js';
import { notificationRoutes } from './notifications.handlers.js';
import { eventRoutes } from './events.handlers.js';
import type { LiveDeps } from './live-streams.js';
import { presignedUploadRoutes } from './presigned-upload.handlers.js';
import { studyRoutes } from './study.handlers.js';
import { studySessionRoutes } from './study-sessions.handlers.js';
import { BEARER_DESCRIPTION } from './openapi/auth-models.js';
import { BEARER_SCHEME } from './openapi/common.js';
import { errorHandler, validationHook } from './problem.js';

export interface HttpDeps {
  /** With the document ports (Ports) the /documents routes are mounted too. */
  ports: Ports | Ports;
  /** Checked by GET /ready (the database). */
  probe: HealthProbe;
  logger: Logger;
  /** Allowed browser origins; empty means no cross-origin access, ['*'] means any origin. */
  corsOrigins: string[];
  version: string;
  /** True once shutdown has begun: /ready answers 503 so load balancers drain the instance. */
  isShuttingDown?: () => boolean;
  /** Strict-Transport-Security is sent only when true (production, behind TLS). */
  hsts?: boolean;
  /** Longest a request (uploads aside) may run before it is answered 503. */
  requestTimeoutMs?: number;
  /** Request metrics, served at GET /metrics (behind `metricsToken` when one is set). */
  metrics?: HttpMetrics;
  metricsToken?: string;
  /** Given only when tracing is on: one server span per request. */
  tracer?: Tracer;
  /** Login/register per IP, upload/generate per user; routes without a limiter here are not limited. */
  rateLimits?: HttpRateLimits;
  /** Proxies in front whose X-Forwarded-For entries are believed for the client IP (TRUST_PROXY). */
  trustProxy?: number;
  /** Live events (GET /events); absent where streaming is impossible (AWS Lambda), which then answers 501. */
  live?: LiveDeps;
  /** Folder for uploads while they are checked (removed after each request); the system's temp folder by default. */
  uploadTempDir?: string;
}

export type HttpApp = OpenAPIHono<AppEnv>;

export const API_PREFIX = '/api/v1';
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createHttpApp(deps: HttpDeps): HttpApp {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  const uploadPath = `${API_PREFIX}${UPLOAD_PATH}`;
  const importPath = `${API_PREFIX}${IMPORT_PATH}`;
  const isUpload = (c: Context<AppEnv>) => c.req.method === 'POST' && (c.req.path === uploadPath || c.req.path === importPath);
  const isShuttingDown = deps.isShuttingDown ?? (() => false);
  const eventsPath = `${API_PREFIX}/events`;
  // An event stream stays open by design: no request timeout applies (the drain closes it).
  const isEventStream = (c: Context<AppEnv>) => c.req.method === 'GET' && c.req.path === eventsPath;

  app.use('*', requestId);
  // Outermost after the request id, so their timings and spans cover every other middleware too.
  if (deps.tracer) app.use('*', serverSpans(deps.tracer));
  if (deps.metrics) app.use('*', requestMetrics(deps.metrics));
  app.use('*', accessLog(deps.logger));
  app.use('*', securityHeaders({ hsts: deps.hsts ?? false }));
  app.use('*', closeConnectionsWhile(isShuttingDown));
  app.use('*', closeAfterRefusedBody(isUpload));
  // Uploads are exempt: a large file on a slow link legitimately takes long, and Node's own requestTimeout
  // (300 s to receive a whole request) bounds them.
  app.use(
    '*',
    requestTimeout(deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, (c) => isUpload(c) || isEventStream(c)),
  );
  const rateLimits = deps.rateLimits && { limiters: deps.rateLimits, clientIp: (c: Context) => clientIp(c, deps.trustProxy ?? 0) };
  app.use('*', async (c, next) => {
    c.set('ports', deps.ports);
    if (rateLimits) c.set('rateLimits', rateLimits);
    await next();
  });
  if (deps.corsOrigins.length > 0) {
    app.use(
      '*',
      cors({
        origin: deps.corsOrigins.includes('*') ? '*' : deps.corsOrigins,
        // PATCH: the web client marks notifications read with it.
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
        exposeHeaders: ['X-Request-Id', 'WWW-Authenticate', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  // Counts the bytes actually read, so a chunked body without Content-Length is capped too.
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new CoreError('payload_too_large', 'The request body is larger than 1 MB.');
    },
  });
  // The upload route carries documents far above 1 MB and enforces its own limit (multipart.ts).
  // Requests that carry no body skip the check: it touches the raw Request, which the Node adapter otherwise
  // never has to build (a large share of the cost of a GET).
  const bodiless = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.use('*', (c, next) => {
    if (bodiless.has(c.req.method) && !c.req.header('content-length') && !c.req.header('transfer-encoding')) return next();
    if (isUpload(c)) return next();
    return jsonBodyLimit(c, next);
  });
  app.use('*', (c, next) => (bodiless.has(c.req.method) || isUpload(c) ? next() : strictJsonBody(c, next)));

  const health = healthRoutes(deps);
  app.route('/', health);
  // Also under the API prefix, where the issue lists them; probes usually call the root paths.
  app.route(API_PREFIX, health);
  if (deps.metrics) app.route('/', metricsRoutes(deps.metrics, deps.metricsToken));
  app.route(API_PREFIX, authRoutes());
  // Before the deck routes: /decks/import is not a deck id.
  app.route(API_PREFIX, exchangeRoutes());
  app.route(API_PREFIX, deckRoutes());
  app.route(API_PREFIX, cardRoutes());
  app.route(API_PREFIX, notificationRoutes());
  app.route(API_PREFIX, eventRoutes(deps.live, isShuttingDown));
  app.route(API_PREFIX, documentRoutes({ uploadTempDir: deps.uploadTempDir }));
  app.route(API_PREFIX, studyRoutes());
  app.route(API_PREFIX, studySessionRoutes());
  // Only storage that can presign (S3) offers uploads that bypass the API.
  if (deps.ports.presignedFiles) app.route(API_PREFIX, presignedUploadRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: BEARER_DESCRIPTION,
  });
  // Built on the first /openapi.json or /docs request, not here: generating the document and reading Swagger UI's
  // files cost ~30 ms, paid by every Lambda cold start though few instances ever serve the docs. A contract the
  // generator cannot render is still caught before release: test/http/docs.test.ts builds the document.
  let docs: Hono<AppEnv> | undefined;
  const serveDocs = async (c: Context<AppEnv>) => {
    docs ??= docsRoutes(openApiDocument(app, deps.version));
    const res = await docs.fetch(c.req.raw, c.env);
    // An unknown asset gets this app's 404 problem, not the sub-app's plain one.
    return res.status === 404 ? c.notFound() : res;
  };
  for (const docsPath of ['/openapi.json', '/docs', '/docs/assets/:name']) app.get(docsPath, serveDocs);

  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler(app));
  return app;
}

/** The OpenAPI 3.1 document of every route registered on `app` so far. */
function openApiDocument(app: HttpApp, version: string) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'OpenDeck API',
      version,
      description:
        'Flashcard decks whose every card cites its source. JSON bodies are snake_case, timestamps ISO 8601 UTC, ' +
        'lists paginated with limit/offset. Errors are RFC 9457 problem documents (application/problem+json).',
    },
    tags: [
      { name: 'Auth', description: 'Accounts, sign-in and token rotation.' },
      { name: 'Decks', description: 'Your decks of flashcards.' },
      { name: 'Cards', description: 'Flashcards, each citing its source.' },
      { name: 'Notifications', description: "What the web client's bell lists: your cards are ready, or why not." },
      { name: 'Documents', description: 'Course documents in, grounded flashcards out.' },
      { name: 'Live events', description: 'Server-Sent Events: document progress and new notifications as they happen.' },
      { name: 'Study', description: 'Spaced repetition with FSRS: the queue, answers, undo, resets, statistics, settings.' },
      { name: 'Study sessions', description: "The original web client's study sessions, served by the same scheduler." },
      { name: 'Health', description: 'Liveness and readiness probes.' },
    ],
  });
}
