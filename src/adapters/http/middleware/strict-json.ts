/**
 * JSON bodies must be UTF-8, exactly. Request.json() decodes leniently: invalid bytes silently became U+FFFD
 * and were stored. Here invalid bytes are a 400 naming the first bad byte's offset, and a string holding an
 * unpaired surrogate (a "\ud800" escape without its pair, which no UTF-8 text can carry) is a 422 naming the field.
 */
import { isUtf8 } from 'node:buffer';
import type { MiddlewareHandler } from 'hono';
import { CoreError, validationFailed } from '../../../core/index.js';
import type { AppEnv } from '../env.js';

// The content types Hono's JSON validator reads.
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(\s*;.*)?$/i;

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trailing = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (trailing === 0) return i;
    // The second byte's range excludes overlong forms, surrogates (ED A0..BF) and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= trailing; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += trailing + 1;
  }
  return -1;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** The path of the first string (value or key) with an unpaired surrogate, or null. */
export function loneSurrogatePath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return wellFormed(value) ? null : path.join('.') || 'body';
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (!wellFormed(key)) return [...path, key.replace(LONE_SURROGATE, '\uFFFD')].join('.');
    const found = loneSurrogatePath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

export const strictJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) return next();
  // Read once here; Hono keeps it, so the route's validator parses the same bytes without reading again.
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const offset = firstInvalidUtf8(bytes);
  if (offset !== -1) {
    throw new CoreError(
      'bad_request',
      `The request body is not valid UTF-8: the byte at offset ${offset} (0x${bytes[offset]!.toString(16).padStart(2, '0')}) does not start a valid character. Send JSON encoded as UTF-8.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return next(); // not JSON: the route's validator says so, in its own words
  }
  const path = loneSurrogatePath(parsed);
  if (path)
    throw validationFailed([
      { path, message: 'contains an unpaired surrogate (a \\ud800-\\udfff escape without its pair): send valid Unicode text' },
    ]);
  return next();
};
