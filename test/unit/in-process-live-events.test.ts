import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/core/index.js';
import { InProcessLiveEvents } from '../../src/infra/live/in-process-live-events.js';
import { LocalHub } from '../../src/infra/live/local-hub.js';
import { compareEventIds } from '../../src/infra/live/event-ids.js';

const ev = (n: number) => ({ type: 'document.progress' as const, data: { n } });

describe('in-process live events', () => {
  it('ids increase within one millisecond and across them', async () => {
    let now = 1000;
    const live = new InProcessLiveEvents(undefined, () => now);
    const got: LiveEvent[] = [];
    await live.subscribe('u', (e) => got.push(e));
    await live.publish('u', ev(1));
    await live.publish('u', ev(2));
    now = 999; // a clock step back must not reorder ids
    await live.publish('u', ev(3));
    now = 2000;
    await live.publish('u', ev(4));
    const ids = got.map((e) => e.id);
    expect([...ids].sort(compareEventIds)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it('replays only the window: older events, and more than maxPerUser, are gone', async () => {
    let now = 0;
    const live = new InProcessLiveEvents({ windowMs: 1000, maxPerUser: 3 }, () => now);
    for (let n = 1; n <= 5; n++) {
      now += 100;
      await live.publish('u', ev(n));
    }
    const replayed: LiveEvent[] = [];
    await live.subscribe('u', (e) => replayed.push(e), '0-0');
    expect(replayed.map((e) => e.data.n)).toEqual([3, 4, 5]);
    now += 5000;
    const later: LiveEvent[] = [];
    await live.subscribe('u', (e) => later.push(e), '0-0');
    expect(later).toEqual([]);
  });

  it('an event published while the replay is read is delivered once, after the replay', async () => {
    const hub = new LocalHub();
    const got: number[] = [];
    const kept: LiveEvent[] = [
      { id: '1-0', type: 'document.progress', data: { n: 1 } },
      { id: '2-0', type: 'document.progress', data: { n: 2 } },
    ];
    const sub = await hub.subscribe('u', (e) => got.push(e.data.n as number), {
      after: '0-0',
      replay: async () => {
        // Arrives live during the replay: one already in the replay, one new.
        hub.deliver('u', kept[1]!);
        hub.deliver('u', { id: '3-0', type: 'document.completed', data: { n: 3 } });
        return kept;
      },
    });
    expect(got).toEqual([1, 2, 3]);
    sub.close();
    hub.deliver('u', { id: '4-0', type: 'document.progress', data: { n: 4 } });
    expect(got).toEqual([1, 2, 3]);
    expect(hub.users).toBe(0);
  });
});
