/**
 * Compact HS256 JWTs with node:crypto's synchronous HMAC. jose verifies through WebCrypto: given a KeyObject
 * it exports the raw bytes and imports them again on every call, then awaits an async crypto job; that was
 * ~23% of an authenticated read's CPU. An HMAC-SHA256 over a few hundred bytes takes microseconds inline.
 *
 * Only what OpenDeck issues is accepted: header `alg` exactly HS256 (no "none", no other algorithm, no `crit`
 * extensions), the signature compared in constant time, and a JSON-object claims set. The claim checks
 * (issuer, audience, expiry, types) are the caller's (jwt-token-signer.ts), as they were with jose.
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

export const HS256 = 'HS256';

/** base64url characters only: Buffer's decoder silently skips anything else, which would accept variants. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class MalformedJwtError extends Error {}

const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decodeJsonObject(part: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new MalformedJwtError('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MalformedJwtError('not a JSON object');
  return parsed as Record<string, unknown>;
}

const hmac = (key: KeyObject, signingInput: string) => createHmac('sha256', key).update(signingInput, 'ascii').digest();

export function signHs256(payload: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${encodeJson({ alg: HS256, typ: 'JWT' })}.${encodeJson(payload)}`;
  return `${signingInput}.${hmac(key, signingInput).toString('base64url')}`;
}

/** The claims set of a token whose header and signature check out; throws MalformedJwtError otherwise. */
export function verifyHs256(token: string, key: KeyObject): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new MalformedJwtError('not three parts');
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(header) || !BASE64URL.test(payload) || !BASE64URL.test(signature)) {
    throw new MalformedJwtError('not base64url');
  }
  // The algorithm is pinned before the signature is looked at; `crit` names extensions we do not implement.
  const protectedHeader = decodeJsonObject(header);
  if (protectedHeader.alg !== HS256 || 'crit' in protectedHeader) throw new MalformedJwtError('algorithm not allowed');
  // Compared as text: only the canonical encoding of the right 32 bytes matches (no alternative last character).
  const given = Buffer.from(signature, 'ascii');
  const expected = Buffer.from(hmac(key, `${header}.${payload}`).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new MalformedJwtError('bad signature');
  return decodeJsonObject(payload);
}
