/**
 * Issue 12, defect 5: a JSON body with invalid UTF-8 is refused (400, naming the byte offset) instead of being
 * stored with U+FFFD, and a string with an unpaired surrogate escape is a 422 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../src/adapters/http/middleware/strict-json.js';
import { send } from './documents-support.js';
import { buildTestApp, expectProblem, signUp } from './support.js';

const { app } = buildTestApp();
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const postDeck = async (body: Uint8Array | string) =>
  send(app, 'POST', '/api/v1/decks', { token: (await signUp(app)).access, body, headers: { 'Content-Type': 'application/json' } });

describe('JSON bodies are strict UTF-8', () => {
  it('an invalid byte is a 400 naming its offset, and nothing is created', async () => {
    const body = bytes('{"title":"Cell', [0xff], ' biology"}');
    const problem = expectProblem(await postDeck(body), 400, 'bad_request');
    expect(problem.detail).toMatch(/offset 14\b/);
    expect(problem.detail).toMatch(/UTF-8/);
  });

  it.each([
    ['a truncated sequence', [0xc3]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a stray continuation byte', [0x80]],
  ])('%s is a 400', async (_name, bad) => {
    expectProblem(await postDeck(bytes('{"title":"', bad, '"}')), 400, 'bad_request');
  });

  it('an unpaired surrogate escape in a string is a 422 naming the field', async () => {
    const problem = expectProblem(await postDeck('{"title":"Cells \\ud800 and more"}'), 422, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['title']);
    const low = expectProblem(await postDeck('{"title":"ok","description":"\\udc00"}'), 422, 'validation');
    expect(low.errors?.map((e) => e.path)).toEqual(['description']);
  });

  it('valid text in any script, and a surrogate pair written as escapes, are accepted as sent', async () => {
    const title = 'Célula — 生物学 😀';
    const res = await postDeck(JSON.stringify({ title }));
    expect(res.status).toBe(201);
    expect(res.body.title).toBe(title);
    const escaped = await postDeck('{"title":"Emoji \\ud83d\\ude00"}');
    expect(escaped.status).toBe(201);
    expect(escaped.body.title).toBe('Emoji 😀');
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with a fatal TextDecoder on every two-byte and many three-byte sequences', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const pair = new Uint8Array([a, b]);
        expect(firstInvalidUtf8(pair) === -1).toBe(valid(pair));
        const triple = new Uint8Array([a, b, 0x80 + ((a + b) % 64)]);
        expect(firstInvalidUtf8(triple) === -1).toBe(valid(triple));
      }
    }
  });
});
