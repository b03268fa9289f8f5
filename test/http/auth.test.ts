import { describe, expect, it } from 'vitest';
import { JwtTokenSigner } from '../../src/infra/auth/jwt-token-signer.js';
import { JWT, PASSWORD, buildTestApp, call, expectProblem, isIsoUtc, signUp, uniqueEmail } from './support.js';

const { app } = buildTestApp();
const register = (body: unknown) => call(app, 'POST', '/api/v1/auth/register', { body });
const login = (body: unknown) => call(app, 'POST', '/api/v1/auth/login', { body });
const refresh = (refresh_token: string) => call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token } });
const me = (token?: string, headers?: Record<string, string>) => call(app, 'GET', '/api/v1/auth/me', { token, headers });

function expectTokens(body: any, email: string) {
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 900, user: { email, name: 'Test User' } });
  expect(typeof body.access_token).toBe('string');
  expect(typeof body.refresh_token).toBe('string');
  expect(Object.keys(body.user).sort()).toEqual(['created_at', 'email', 'id', 'name', 'updated_at']);
  expect(isIsoUtc(body.user.created_at)).toBe(true);
}

describe('register and login', () => {
  it('register answers 201 with a usable token pair, login the same shape', async () => {
    const email = uniqueEmail();
    const res = await register({ email, name: 'Test User', password: PASSWORD });
    expect(res.status).toBe(201);
    expectTokens(res.body, email);
    expect((await me(res.body.access_token)).body).toEqual(res.body.user);

    const again = await login({ email, password: PASSWORD });
    expect(again.status).toBe(200);
    expectTokens(again.body, email);
    expect(again.body.user).toEqual(res.body.user);
  });

  it('trims and lower-cases emails; a duplicate in another case is 409', async () => {
    const local = uniqueEmail('Mixed');
    const res = await register({ email: `  ${local.toUpperCase()}  `, name: 'Test User', password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(local.toLowerCase());
    expectProblem(await register({ email: local.toLowerCase(), name: 'Other', password: PASSWORD }), 409, 'conflict');
    expect((await login({ email: ` ${local.toUpperCase()}`, password: PASSWORD })).status).toBe(200);
  });

  it('refuses malformed emails', async () => {
    const problem = expectProblem(await register({ email: 'not-an-email', name: 'x', password: PASSWORD }), 422, 'validation');
    expect(problem.errors).toEqual([{ path: 'email', message: 'must be a valid email address' }]);
  });

  it.each([
    [7, 422],
    [8, 201],
    [128, 201],
    [129, 422],
  ])('a password of %i characters gives %i', async (length, status) => {
    const password = `${'x'.repeat(length - 4)}q7#!`;
    const res = await register({ email: uniqueEmail(), name: 'Test User', password });
    expect(res.status).toBe(status);
    if (status === 422) expect(expectProblem(res, 422, 'validation').errors?.[0]?.path).toBe('password');
  });

  it('refuses the most common passwords, whatever their case', async () => {
    for (const password of ['password', 'Iloveyou', '12345678']) {
      const problem = expectProblem(await register({ email: uniqueEmail(), name: 'T', password }), 422, 'validation');
      expect(problem.errors).toEqual([{ path: 'password', message: expect.stringMatching(/common/) }]);
    }
  });

  it('reports every missing field at once', async () => {
    const problem = expectProblem(await register({}), 422, 'validation');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['email', 'name', 'password']);
    expect(problem.errors?.every((e) => e.message === 'is required')).toBe(true);
  });

  it('gives the same status and body for an unknown email and a wrong password', async () => {
    const user = await signUp(app);
    const unknown = await login({ email: uniqueEmail('nobody'), password: PASSWORD });
    const wrong = await login({ email: user.email, password: 'wrong password here' });
    const strip = ({ request_id: _, ...rest }: any) => rest;
    expectProblem(unknown, 401, 'unauthorized');
    expectProblem(wrong, 401, 'unauthorized');
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
  });
});

describe('refresh rotation', () => {
  it('a refresh token works once and gives a new working pair', async () => {
    const user = await signUp(app);
    const first = await refresh(user.refresh);
    expect(first.status).toBe(200);
    expectTokens(first.body, user.email);
    expect(first.body.refresh_token).not.toBe(user.refresh);
    expect((await me(first.body.access_token)).status).toBe(200);
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
  });

  it('reusing a refresh token revokes the whole family', async () => {
    const user = await signUp(app);
    const rotated = await refresh(user.refresh);
    expect(rotated.status).toBe(200);
    expectProblem(await refresh(user.refresh), 401, 'unauthorized');
    // The thief's replay ended the sign-in: the newest tokens are dead too.
    expectProblem(await refresh(rotated.body.refresh_token), 401, 'unauthorized');
    expectProblem(await me(rotated.body.access_token), 401, 'unauthorized');
    expectProblem(await me(user.access), 401, 'unauthorized');
    // Other sign-ins of the same user are untouched.
    expect((await login({ email: user.email, password: PASSWORD })).status).toBe(200);
  });

  it('refuses an access token as a refresh token, and garbage', async () => {
    const user = await signUp(app);
    expectProblem(await refresh(user.access), 401, 'unauthorized');
    expectProblem(await refresh('garbage'), 401, 'unauthorized');
    expectProblem(await call(app, 'POST', '/api/v1/auth/refresh', { body: {} }), 422, 'validation');
  });
});

describe('logout', () => {
  it('answers 204 and ends the sign-in: access and refresh tokens stop working', async () => {
    const user = await signUp(app);
    const res = await call(app, 'POST', '/api/v1/auth/logout', { token: user.access });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = await me(user.access);
    expectProblem(after, 401, 'unauthorized');
    expect(after.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expectProblem(await refresh(user.refresh), 401, 'unauthorized');
    expectProblem(await call(app, 'POST', '/api/v1/auth/logout', { token: user.access }), 401, 'unauthorized');
  });

  it('needs a token', async () => {
    expectProblem(await call(app, 'POST', '/api/v1/auth/logout'), 401, 'unauthorized');
  });
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, any>;

describe('bearer tokens', () => {
  it('a missing token is 401 with a bare WWW-Authenticate: Bearer', async () => {
    const res = await me();
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each([
    ['a non-bearer scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
  ])('%s is 401 with WWW-Authenticate: Bearer', async (_name, headers) => {
    const res = await me(undefined, headers);
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('forged, expired, wrong-audience, wrong-type and malformed tokens are 401 invalid_token', async () => {
    const user = await signUp(app);
    const c = claimsOf(user.access);
    const claims = { user_id: c.sub, session_id: c.sid, type: 'access' as const, jti: 'f0f0f0f0-0000-4000-8000-000000000000' };
    const now = new Date();
    const tokens = {
      malformed: 'not.a.jwt',
      garbage: 'abc',
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(c)}.`,
      wrongKey: await new JwtTokenSigner({ ...JWT, secretKey: 'another-secret-key-of-sufficient-length!!' }).sign(claims, 900, now),
      wrongAudience: await new JwtTokenSigner({ ...JWT, audience: 'someone-else' }).sign(claims, 900, now),
      wrongIssuer: await new JwtTokenSigner({ ...JWT, issuer: 'someone-else' }).sign(claims, 900, now),
      expired: await new JwtTokenSigner(JWT).sign(claims, 60, new Date(now.getTime() - 3600_000)),
      refreshAsAccess: user.refresh,
      tampered: `${user.access.split('.')[0]}.${b64({ ...c, sub: '00000000-0000-4000-8000-000000000000' })}.${user.access.split('.')[2]}`,
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await me(token);
      expect.soft(res.status, name).toBe(401);
      expectProblem(res, 401, 'unauthorized');
      expect.soft(res.headers.get('www-authenticate'), name).toBe('Bearer error="invalid_token"');
    }
    // Control: the genuine token still works, and the scheme name is case-insensitive.
    expect((await me(undefined, { Authorization: `bearer ${user.access}` })).status).toBe(200);
  });
});
