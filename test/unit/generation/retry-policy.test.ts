import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { backoffDelayMs, parseRetryAfter, withRetries, type RetryPolicy } from '../../../src/infra/llm/retry-policy.js';
import { FIXED_NOW, recordingClock } from './llm-test-kit.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const headers = (h: Record<string, string>) => new Headers(h);

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '7' }), FIXED_NOW)).toBe(7000);
    expect(parseRetryAfter(headers({ 'retry-after': '1.5' }), FIXED_NOW)).toBe(1500);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(FIXED_NOW + 3000).toUTCString() }), FIXED_NOW)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(FIXED_NOW - 3000).toUTCString() }), FIXED_NOW)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after': '7', 'retry-after-ms': '250' }), FIXED_NOW)).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), FIXED_NOW)).toBeNull();
    expect(parseRetryAfter(headers({}), FIXED_NOW)).toBeNull();
  });
});

describe('backoffDelayMs', () => {
  it('uses full jitter below an exponential ceiling, capped', () => {
    const none = { reason: 'x', retryAfterMs: null };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, none, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, policy, none, () => 0)).toBe(0);
  });

  it('honours Retry-After up to the cap', () => {
    expect(backoffDelayMs(1, policy, { reason: 'x', retryAfterMs: 2000 }, () => 0.1)).toBe(2000);
    expect(backoffDelayMs(1, policy, { reason: 'x', retryAfterMs: 3_600_000 }, () => 0.1)).toBe(5000);
  });
});

describe('withRetries', () => {
  const transient = (e: unknown) => (e === 'busy' ? { reason: 'busy', retryAfterMs: null } : null);

  it('retries transient failures and returns the first success', async () => {
    const clock = recordingClock(0.5);
    let calls = 0;
    const result = await withRetries(async () => (++calls < 3 ? Promise.reject('busy') : 'ok'), {
      policy,
      clock,
      classify: transient,
      label: 'X',
    });
    expect(result).toBe('ok');
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with upstream_unavailable', async () => {
    const clock = recordingClock();
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw 'busy';
      },
      { policy, clock, classify: transient, label: 'The AI provider' },
    );
    await expect(run).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: 'The AI provider is unavailable: busy (4 attempts). Try again later.',
    });
    expect(calls).toBe(4);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('does not retry errors the classifier does not recognise', async () => {
    let calls = 0;
    const boom = new Error('bug');
    await expect(
      withRetries(
        async () => {
          calls++;
          throw boom;
        },
        { policy, clock: recordingClock(), classify: transient, label: 'X' },
      ),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
    expect(boom).not.toBeInstanceOf(CoreError);
  });
});
