/**
 * Value types of the configuration that several variables share or that take more than one spelling: durations
 * ("15m"), rates ("50/15m"), Redis URLs, ENV and LOG_LEVEL. Apart from schema.ts so that file stays about the
 * variables themselves.
 */
import { z } from 'zod';

const DURATION = /^(\d+)\s*(s|m|h|d)?$/i;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "900", "900s", "15m", "12h" or "30d" -> seconds. */
export function parseDuration(value: string): number | null {
  const m = DURATION.exec(value.trim());
  if (!m) return null;
  const unit = (m[2]?.toLowerCase() ?? 's') as keyof typeof UNIT_SECONDS;
  const seconds = Number(m[1]) * UNIT_SECONDS[unit];
  return seconds > 0 ? seconds : null;
}

export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const seconds = parseDuration(v);
      if (seconds === null) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration; use seconds or a number with s, m, h or d (e.g. 15m, 30d)` });
        return z.NEVER;
      }
      return seconds;
    });

const RATE = /^(\d+)\s*\/\s*(\d+\s*[smhd]?)$/i;
/** "50/15m" -> 50 attempts per 15 minutes; "off" -> no limit. */
export const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      if (v.trim().toLowerCase() === 'off') return null;
      const m = RATE.exec(v.trim());
      const windowSeconds = m ? parseDuration(m[2]!) : null;
      if (!m || windowSeconds === null || Number(m[1]) < 1) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a rate; write attempts/window such as 50/15m or 20/1h, or off` });
        return z.NEVER;
      }
      return { points: Number(m[1]), windowSeconds };
    });

/** REDIS_URL and its alias CELERY_BROKER_URL (spec-names.ts). */
export const redisUrl = z.preprocess(
  (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
);

const lowerCase = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

/** ENV: the specification's `local` is development; any case. */
export const runEnvironment = z.preprocess(
  (v) => (lowerCase(v) === 'local' ? 'development' : lowerCase(v)),
  z.enum(['development', 'test', 'production'], 'must be development (or local), test or production').default('development'),
);

/** Python's logging names (the specification writes LOG_LEVEL=INFO) for pino's levels: WARNING is warn, CRITICAL fatal. */
const PYTHON_LEVELS: Record<string, string> = { warning: 'warn', critical: 'fatal' };
export const logLevel = z.preprocess(
  (v) => {
    const level = lowerCase(v);
    return typeof level === 'string' ? (PYTHON_LEVELS[level] ?? level) : level;
  },
  z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be fatal (or critical), error, warn (or warning), info, debug, trace or silent, in any case',
    )
    .default('info'),
);
