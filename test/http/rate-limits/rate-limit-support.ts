/** Apps with small rate limits, and sign-in helpers that say which client IP they come from. */
import type { HttpRateLimits } from '../../../src/adapters/http/rate-limits.js';
import { createAttemptLimiter, type LimiterStore } from '../../../src/infra/ratelimit/attempt-limiter.js';
import { buildTestApp, call, PASSWORD, type CallResult, type TestApp } from '../support.js';
import type { HttpApp } from '../../../src/adapters/http/app.js';
import type { Ports } from '../../../src/core/index.js';

export interface SmallLimits {
  loginAccount?: number;
  loginIp?: number;
  registerIp?: number;
  uploadUser?: number;
  generateUser?: number;
}

/** One hour windows with the given points; X-Forwarded-For is believed (one proxy), so tests pick the IP. */
export function limitedApp(limits: SmallLimits, store: LimiterStore = {}): TestApp {
  const hour = (points: number | undefined, name: string) =>
    points === undefined ? undefined : createAttemptLimiter(name, { points, windowSeconds: 3600 }, store);
  const rateLimits: HttpRateLimits = {
    login_ip: hour(limits.loginIp, 'login_ip'),
    register_ip: hour(limits.registerIp, 'register_ip'),
    upload_user: hour(limits.uploadUser, 'upload_user'),
    generate_user: hour(limits.generateUser, 'generate_user'),
  };
  const loginAttempts = hour(limits.loginAccount, 'login_account');
  return buildTestApp({ rateLimits, trustProxy: 1, ports: (loginAttempts ? { loginAttempts } : {}) as unknown as Ports });
}

export const login = (app: HttpApp, email: string, password: string, ip: string): Promise<CallResult> =>
  call(app, 'POST', '/api/v1/auth/login', { body: { email, password }, headers: { 'X-Forwarded-For': ip } });

export const register = (app: HttpApp, email: string, ip: string): Promise<CallResult> =>
  call(app, 'POST', '/api/v1/auth/register', {
    body: { email, name: 'Rate Test', password: PASSWORD },
    headers: { 'X-Forwarded-For': ip },
  });

export const WRONG = 'not the right passphrase';
