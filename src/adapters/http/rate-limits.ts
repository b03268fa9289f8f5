import type { Context } from 'hono';
import type { AttemptLimiter } from '../../core/index.js';

export type RateRule = 'login_ip' | 'register_ip' | 'upload_user' | 'generate_user';

/** The limiters the app enforces; a rule without one is not limited (tests build apps without any). */
export type HttpRateLimits = Partial<Record<RateRule, AttemptLimiter>>;

/** What the app puts on the context for the `rateLimit` middleware of each limited route. */
export interface RateLimitContext {
  limiters: HttpRateLimits;
  clientIp: (c: Context) => string;
}
