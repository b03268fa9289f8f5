import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Repositories, Session } from '../../../src/core/index.js';
import { T0, addUser, at, type FixtureAccess } from './fixtures.js';

const DAY = 86_400;

/** A user with a session valid for one day from T0 and one refresh token valid as long. */
async function signedIn(repos: Repositories, session: Partial<Session> = {}) {
  const user = await addUser(repos);
  const s: Session = { id: randomUUID(), user_id: user.id, created_at: T0, expires_at: at(DAY), revoked_at: null, ...session };
  await repos.sessions.create(s);
  const jti = randomUUID();
  await repos.sessions.addRefreshToken({ jti, session_id: s.id, user_id: user.id, expires_at: at(DAY) });
  return { user, session: s, jti };
}

export function describeSessionContract(f: FixtureAccess): void {
  describe('sessions', () => {
    it('a session is active for its user only, until it expires', async () => {
      const { user, session } = await signedIn(f.repos());
      const other = await addUser(f.repos());
      expect(await f.repos().sessions.isActive(session.id, user.id, at(60))).toBe(true);
      expect(await f.repos().sessions.isActive(session.id, other.id, at(60))).toBe(false);
      expect(await f.repos().sessions.isActive(session.id, user.id, at(DAY))).toBe(false);
      expect(await f.repos().sessions.isActive(randomUUID(), user.id, at(60))).toBe(false);
      expect(await f.repos().sessions.isActive('not-a-uuid', user.id, at(60))).toBe(false);
    });

    it('revoke ends the session; another user cannot revoke it', async () => {
      const { user, session } = await signedIn(f.repos());
      const other = await addUser(f.repos());
      await f.repos().sessions.revoke(session.id, other.id, at(10));
      expect(await f.repos().sessions.isActive(session.id, user.id, at(20))).toBe(true);
      await f.repos().sessions.revoke(session.id, user.id, at(30));
      expect(await f.repos().sessions.isActive(session.id, user.id, at(40))).toBe(false);
      await expect(f.repos().sessions.revoke(randomUUID(), user.id, at(50))).resolves.toBeUndefined();
    });

    it('a session created already revoked is not active', async () => {
      const { user, session } = await signedIn(f.repos(), { revoked_at: T0 });
      expect(await f.repos().sessions.isActive(session.id, user.id, at(1))).toBe(false);
    });

    it('a refresh token is consumed once; a second use reports reuse with its session', async () => {
      const { user, session, jti } = await signedIn(f.repos());
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(60))).toEqual({ status: 'ok', session_id: session.id, user_id: user.id });
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(61))).toEqual({
        status: 'reused',
        session_id: session.id,
        user_id: user.id,
      });
    });

    it('of two concurrent consumes exactly one is ok and the other is a reuse', async () => {
      const { user, session, jti } = await signedIn(f.repos());
      const results = await Promise.all([
        f.repos().sessions.consumeRefreshToken(jti, at(60)),
        f.repos().sessions.consumeRefreshToken(jti, at(60)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['ok', 'reused']);
      for (const r of results) expect(r).toMatchObject({ session_id: session.id, user_id: user.id });
    });

    it('unknown and malformed token ids are invalid', async () => {
      expect(await f.repos().sessions.consumeRefreshToken(randomUUID(), at(1))).toEqual({ status: 'invalid' });
      expect(await f.repos().sessions.consumeRefreshToken('not-a-uuid', at(1))).toEqual({ status: 'invalid' });
    });

    it('an expired token is invalid and is not marked used', async () => {
      const { jti } = await signedIn(f.repos());
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(DAY))).toEqual({ status: 'invalid' });
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(DAY + 1))).toEqual({ status: 'invalid' });
    });

    it('a token of a revoked session is invalid, and still works for nothing afterwards', async () => {
      const { user, session, jti } = await signedIn(f.repos());
      await f.repos().sessions.revoke(session.id, user.id, at(10));
      expect(await f.repos().sessions.isActive(session.id, user.id, at(11))).toBe(false);
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(11))).toEqual({ status: 'invalid' });
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(12))).toEqual({ status: 'invalid' });
    });

    it('a token whose session has expired is invalid even if the token has not', async () => {
      const { jti } = await signedIn(f.repos(), { expires_at: at(100) });
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(100))).toEqual({ status: 'invalid' });
    });

    it('a used token stays a reuse after its session is revoked, so theft is still detected', async () => {
      const { user, session, jti } = await signedIn(f.repos());
      expect((await f.repos().sessions.consumeRefreshToken(jti, at(10))).status).toBe('ok');
      await f.repos().sessions.revoke(session.id, user.id, at(20));
      expect(await f.repos().sessions.consumeRefreshToken(jti, at(30))).toEqual({
        status: 'reused',
        session_id: session.id,
        user_id: user.id,
      });
    });

    it('tokens of one session are independent: using one leaves the next usable', async () => {
      const { user, session, jti } = await signedIn(f.repos());
      const next = randomUUID();
      await f.repos().sessions.addRefreshToken({ jti: next, session_id: session.id, user_id: user.id, expires_at: at(DAY) });
      expect((await f.repos().sessions.consumeRefreshToken(jti, at(10))).status).toBe('ok');
      expect((await f.repos().sessions.consumeRefreshToken(next, at(20))).status).toBe('ok');
    });
  });
}
