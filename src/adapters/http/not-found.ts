import type { Hono, NotFoundHandler } from 'hono';
import type { AppEnv } from './env.js';
import { problemResponse } from './problem.js';

interface Endpoint {
  method: string;
  pattern: RegExp;
}

const toPattern = (template: string) =>
  new RegExp(
    `^${template
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : escape(part)))
      .join('/')}$`,
  );
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * No route matched. When the path exists with other methods the answer is 405 with Allow (so a client
 * learns it used the wrong verb); otherwise a 404 problem. Endpoints are read from the app on first use,
 * after every route has been registered.
 */
export function notFoundHandler(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let endpoints: Endpoint[] | undefined;
  return (c) => {
    endpoints ??= app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, pattern: toPattern(r.path) }));
    const allowed = new Set(endpoints.filter((e) => e.pattern.test(c.req.path)).map((e) => e.method));
    if (allowed.size > 0 && !allowed.has(c.req.method)) {
      if (allowed.has('GET')) allowed.add('HEAD');
      const allow = [...allowed].sort().join(', ');
      return problemResponse(c, 'method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, {
        headers: { Allow: allow },
      });
    }
    return problemResponse(c, 'not_found', `There is no ${c.req.method} ${c.req.path} in this API.`);
  };
}
