import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { JwtTokenSigner } from '../../../src/infra/auth/jwt-token-signer.js';

const settings = { secretKey: 'k'.repeat(48), issuer: 'opendeck', audience: 'opendeck-api' };
const signer = new JwtTokenSigner(settings);
const now = new Date('2026-01-01T00:00:00Z');
const claims = { user_id: 'u1', session_id: 's1', type: 'access' as const, jti: 'j1' };
const key = new TextEncoder().encode(settings.secretKey);

async function expectUnauthorized(token: string, type: 'access' | 'refresh' = 'access', at = now) {
  const error = await signer.verify(token, type, at).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('unauthorized');
  return error as CoreError;
}

/** A token signed like ours, with one thing changed. */
function forge(overrides: {
  alg?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  key?: Uint8Array;
  tokenType?: string;
  extra?: Record<string, unknown>;
  header?: Record<string, unknown>;
}) {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: 's1', token_type: overrides.tokenType ?? 'access', ...overrides.extra })
    .setProtectedHeader({ alg: overrides.alg ?? 'HS256', ...overrides.header })
    .setSubject('u1')
    .setJti('j1')
    .setIssuer(overrides.iss ?? settings.issuer)
    .setAudience(overrides.aud ?? settings.audience)
    .setIssuedAt(iat)
    .setExpirationTime(overrides.exp ?? iat + 60)
    .sign(overrides.key ?? key);
}

describe('JwtTokenSigner', () => {
  it('round-trips the claims of a token it signed', async () => {
    const token = await signer.sign(claims, 900, now);
    const verified = await signer.verify(token, 'access', now);
    expect(verified).toMatchObject(claims);
    expect(verified.expires_at.toISOString()).toBe('2026-01-01T00:15:00.000Z');
  });

  it('refuses a token past its expiry, saying so', async () => {
    const token = await signer.sign(claims, 900, now);
    const error = await expectUnauthorized(token, 'access', new Date(now.getTime() + 901_000));
    expect(error.message).toMatch(/expired/);
  });

  it('refuses a refresh token used as an access token and vice versa', async () => {
    const refresh = await signer.sign({ ...claims, type: 'refresh' }, 900, now);
    await expectUnauthorized(refresh, 'access');
    await expectUnauthorized(await signer.sign(claims, 900, now), 'refresh');
  });

  it('refuses alg "none"', async () => {
    const token = new UnsecuredJWT({ sid: 's1', token_type: 'access' })
      .setSubject('u1')
      .setJti('j1')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime('1h')
      .encode();
    await expectUnauthorized(token);
  });

  it('refuses a token signed with another key', async () => {
    await expectUnauthorized(await forge({ key: new TextEncoder().encode('x'.repeat(48)) }));
  });

  it('refuses another algorithm even with the right key (algorithm pinned)', async () => {
    await expectUnauthorized(await forge({ alg: 'HS512' }));
  });

  it('refuses the wrong audience or issuer', async () => {
    await expectUnauthorized(await forge({ aud: 'another-api' }));
    await expectUnauthorized(await forge({ iss: 'someone-else' }));
  });

  it('refuses an unknown token type and tampered or malformed tokens', async () => {
    await expectUnauthorized(await forge({ tokenType: 'admin' }));
    const token = await signer.sign(claims, 900, now);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'u2' })).toString('base64url')}.${s}`;
    expect(p).not.toBe(tampered.split('.')[1]);
    await expectUnauthorized(tampered);
    await expectUnauthorized('not-a-jwt');
    await expectUnauthorized('');
  });

  it("issues tokens jose verifies and verifies jose's, with an audience list too", async () => {
    const token = await signer.sign(claims, 900, now);
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      currentDate: now,
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'u1', sid: 's1', jti: 'j1', token_type: 'access' });
    await expect(signer.verify(await forge({ aud: ['other', settings.audience] }), 'access', now)).resolves.toMatchObject(claims);
  });

  it('refuses a token that is not valid yet, lacks a claim, or has one of the wrong type', async () => {
    const nbf = Math.floor(now.getTime() / 1000) + 30;
    await expectUnauthorized(await forge({ extra: { nbf } }));
    await expect(signer.verify(await forge({ extra: { nbf: nbf - 60 } }), 'access', now)).resolves.toMatchObject(claims);
    await expectUnauthorized(await forge({ extra: { sid: 42 } }));
    await expectUnauthorized(await forge({ extra: { sid: undefined } }));
    const iat = Math.floor(now.getTime() / 1000);
    const bare = { sid: 's1', token_type: 'access', sub: 'u1', iss: settings.issuer, aud: settings.audience, iat };
    const raw = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expect(signer.verify(await raw({ ...bare, jti: 'j1', exp: iat + 60 }), 'access', now)).resolves.toMatchObject(claims);
    await expectUnauthorized(await raw({ ...bare, exp: iat + 60 }));
    await expectUnauthorized(await raw({ ...bare, jti: 'j1' }));
    await expectUnauthorized(await raw({ ...bare, jti: 'j1', exp: String(iat + 60) }));
  });

  it('refuses critical header extensions and a signature in a non-canonical or padded encoding', async () => {
    await expectUnauthorized(await forge({ header: { crit: ['b64'], b64: true } }));
    const token = await signer.sign(claims, 900, now);
    const [h, p, s] = token.split('.') as [string, string, string];
    // 32 bytes take 43 characters: the last carries 4 bits and 2 spare ones that a lenient decoder ignores.
    const last = s.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(s.slice(0, -1) + sibling, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    await expectUnauthorized(`${h}.${p}.${s.slice(0, -1)}${sibling}`);
    await expectUnauthorized(`${h}.${p}.${s}=`);
    await expectUnauthorized(`${h}.${p}.${s}.`);
    await expectUnauthorized(`${h}.${p}.${s.slice(0, -1)}`);
    await expectUnauthorized(`${Buffer.from('{"alg":"HS256"').toString('base64url')}.${p}.${s}`);
  });
});
