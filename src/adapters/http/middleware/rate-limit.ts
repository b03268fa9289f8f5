import type { MiddlewareHandler } from 'hono';
import { CoreError } from '../../../core/index.js';
import type { AppEnv } from '../env.js';
import type { RateRule } from '../rate-limits.js';

interface Rule {
  by: 'ip' | 'user';
  /** Whether a request that ended with this status stays counted; others are given back. */
  counts: (status: number) => boolean;
  detail: string;
}

const RULES: Record<RateRule, Rule> = {
  // Failed sign-ins only (wrong credentials, or refused by a limit): people signing in behind one NAT
  // are not limited by each other's successes, and a success gives back only its own count.
  login_ip: {
    by: 'ip',
    counts: (s) => s === 401 || s === 429,
    detail: 'Too many failed sign-ins from your address. Wait before trying again.',
  },
  // Accounts created, and emails found taken (409 tells that an account exists, so it is not free).
  register_ip: {
    by: 'ip',
    counts: (s) => s < 400 || s === 409,
    detail: 'Too many accounts created from your address. Wait before trying again.',
  },
  upload_user: { by: 'user', counts: () => true, detail: 'Too many uploads. Wait before uploading more.' },
  generate_user: { by: 'user', counts: () => true, detail: 'Too many generation requests. Wait before asking for more.' },
};

/**
 * A route's rate limit, listed in its contract's `middleware` (after requireAuth for per-user rules) next
 * to the 429 it declares. The attempt is counted before the handler runs, so parallel requests cannot all
 * slip through, and given back afterwards when the rule says that outcome does not count.
 */
export function rateLimit(name: RateRule): MiddlewareHandler<AppEnv> {
  const rule = RULES[name];
  return async (c, next) => {
    const limits = c.get('rateLimits');
    const limiter = limits?.limiters[name];
    if (!limits || !limiter) return next();
    const key = rule.by === 'ip' ? limits.clientIp(c) : c.get('caller')?.userId;
    if (!key) return next();
    const retryAfterSeconds = await limiter.take(key);
    if (retryAfterSeconds !== null) throw new CoreError('rate_limited', rule.detail, { retryAfterSeconds });
    await next();
    if (!rule.counts(c.res.status)) await limiter.giveBack(key);
  };
}
