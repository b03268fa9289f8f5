import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUuid, timeOrderedId } from '../../src/core/index.js';

describe('timeOrderedId', () => {
  it('is a UUID version 7 whose first 48 bits are the time in milliseconds', () => {
    const now = new Date('2026-12-02T08:00:00.123Z');
    const id = timeOrderedId(now, randomUUID());
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now.getTime());
  });

  it('orders by time as text (what every backend sorts by), and keeps the random part', () => {
    const ids = [0, 1, 1000, 86_400_000].map((ms) => timeOrderedId(new Date(1_767_225_600_000 + ms), randomUUID()));
    expect([...ids].sort()).toEqual(ids);
    const random = randomUUID();
    expect(timeOrderedId(new Date(), random).slice(-12)).toBe(random.slice(-12));
    expect(timeOrderedId(new Date(0), random)).not.toBe(timeOrderedId(new Date(0), randomUUID()));
  });
});
