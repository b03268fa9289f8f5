import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env.js';

/**
 * The API answers JSON only, so its pages may load nothing, run nothing and be framed by no one: should a
 * response ever be rendered by a browser (an error page, a mislabelled body), it is inert.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * /docs runs Swagger UI from our own origin: its script files, its stylesheet plus the inline `style`
 * attributes React writes, its data: icons, and fetches of /openapi.json and "Try it out" calls.
 * Still no inline script (docs.ts loads its start-up code from a file for this reason) and no framing.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');

/**
 * Security headers on every response, errors included. A header a handler set itself wins (`overwrite:
 * false`): the document download sets a sandboxing CSP of its own. HSTS only in production, where TLS
 * is expected in front; sent over plain HTTP in development it would pin a local host to HTTPS.
 */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  const common = {
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.hsts,
    overwrite: false,
  } as const;
  const headers = secureHeaders(common);
  return async (c, next) => {
    await headers(c, next);
    if (!c.res.headers.has('Content-Security-Policy'))
      c.res.headers.set('Content-Security-Policy', isDocs(c.req.path) ? DOCS_CSP : API_CSP);
  };
}
