/**
 * Rate limits in memory, through the HTTP app: the 429 problem and Retry-After, failed sign-ins per account
 * whatever the IP, per IP whatever the account, successes that erase nothing but their own count, and the
 * per-IP register limit. Windows are an hour and the limits small, so nothing here depends on timing.
 */
import { describe, expect, it } from 'vitest';
import { expectProblem, PASSWORD, uniqueEmail } from '../support.js';
import { limitedApp, login, register, WRONG } from './rate-limit-support.js';

describe('failed sign-ins per account', () => {
  it('locks the account after the limit from any IP, with a 429 problem and Retry-After, and hides nothing', async () => {
    const { app } = limitedApp({ loginAccount: 3 });
    const email = uniqueEmail('victim');
    expect((await register(app, email, '10.0.0.1')).status).toBe(201);
    for (let i = 0; i < 3; i++) expectProblem(await login(app, email, WRONG, `10.1.0.${i}`), 401, 'unauthorized');
    // A fresh IP does not help, and neither does the right password: the account's budget is spent.
    const refused = await login(app, email, PASSWORD, '10.2.0.1');
    const problem = expectProblem(refused, 429, 'rate_limited');
    expect(problem.detail).toMatch(/account/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // An unknown email is limited the same way, so the 429 reveals no account.
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) expectProblem(await login(app, ghost, WRONG, `10.3.0.${i}`), 401, 'unauthorized');
    expectProblem(await login(app, ghost, WRONG, '10.3.1.1'), 429, 'rate_limited');
    // Other accounts are untouched.
    const other = uniqueEmail('other');
    await register(app, other, '10.0.0.2');
    expect((await login(app, other, PASSWORD, '10.1.0.0')).status).toBe(200);
  });

  it('lets successful sign-ins erase only their own count, so interleaving them gains an attacker nothing', async () => {
    const { app } = limitedApp({ loginAccount: 3 });
    const email = uniqueEmail('owner');
    await register(app, email, '10.0.0.1');
    for (let round = 0; round < 3; round++) {
      expect((await login(app, email, PASSWORD, '10.9.9.9')).status).toBe(200);
      expectProblem(await login(app, email, WRONG, '10.9.9.9'), 401, 'unauthorized');
    }
    expectProblem(await login(app, email, PASSWORD, '10.9.9.9'), 429, 'rate_limited');
  });

  it('counts a burst of parallel attempts before checking any password', async () => {
    const { app } = limitedApp({ loginAccount: 3 });
    const email = uniqueEmail('burst');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(app, email, WRONG, `10.4.0.${i}`)));
    expect(results.filter((r) => r.status === 401)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });
});

describe('per client IP', () => {
  it('limits failed sign-ins from one IP across accounts; other IPs and successes are not counted', async () => {
    const { app } = limitedApp({ loginIp: 4, loginAccount: 100 });
    const mine = uniqueEmail('mine');
    await register(app, mine, '10.5.0.1');
    expect((await login(app, mine, PASSWORD, '203.0.113.7')).status).toBe(200); // a success costs nothing
    for (let i = 0; i < 4; i++) expectProblem(await login(app, uniqueEmail('spray'), WRONG, '203.0.113.7'), 401, 'unauthorized');
    const refused = await login(app, mine, PASSWORD, '203.0.113.7');
    expect(expectProblem(refused, 429, 'rate_limited').detail).toMatch(/address/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(app, mine, PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('limits accounts created per IP, counting taken emails but not invalid bodies', async () => {
    const { app } = limitedApp({ registerIp: 2 });
    const taken = uniqueEmail('taken');
    for (let i = 0; i < 3; i++) expectProblem(await register(app, 'not an email', '198.51.100.1'), 422, 'validation');
    expect((await register(app, taken, '198.51.100.1')).status).toBe(201);
    expectProblem(await register(app, taken, '198.51.100.1'), 409, 'conflict');
    expectProblem(await register(app, uniqueEmail(), '198.51.100.1'), 429, 'rate_limited');
    expect((await register(app, uniqueEmail(), '198.51.100.2')).status).toBe(201);
  });

  it('takes the client from X-Forwarded-For only as far as the trusted proxies reach', async () => {
    const { app } = limitedApp({ loginIp: 1 });
    // One trusted proxy: the rightmost entry is what it saw; a client-written entry to its left is ignored.
    expectProblem(await login(app, uniqueEmail(), WRONG, 'forged-1, 192.0.2.1'), 401, 'unauthorized');
    expectProblem(await login(app, uniqueEmail(), WRONG, 'forged-2, 192.0.2.1'), 429, 'rate_limited');
  });
});

describe('client address under AWS Lambda', () => {
  it("is API Gateway's sourceIp, so per-IP limits work there without trusting X-Forwarded-For", async () => {
    const { app } = limitedApp({ loginIp: 1 });
    const fromGateway = (sourceIp: string) =>
      app.request(
        '/api/v1/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: uniqueEmail(), password: WRONG }),
        },
        { requestContext: { http: { sourceIp } } },
      );
    expect((await fromGateway('198.51.100.77')).status).toBe(401);
    expect((await fromGateway('198.51.100.77')).status).toBe(429);
    expect((await fromGateway('198.51.100.78')).status).toBe(401);
  });
});
