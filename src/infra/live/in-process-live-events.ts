/**
 * Live events within one process (embedded mode, tests): the API and the in-process job runner share it. Each
 * user's recent events are kept for the replay window, so a reconnect with Last-Event-ID resumes without a gap.
 */
import type { LiveEvent, LiveEventInput, LiveEvents, LiveSubscription } from '../../core/index.js';
import { compareEventIds } from './event-ids.js';
import { LocalHub } from './local-hub.js';

export interface ReplayWindow {
  /** How long an event can be replayed. */
  windowMs: number;
  /** At most this many per user, whatever the window. */
  maxPerUser: number;
}

export const DEFAULT_REPLAY_WINDOW: ReplayWindow = { windowMs: 5 * 60_000, maxPerUser: 500 };

interface Kept {
  at: number;
  event: LiveEvent;
}

export class InProcessLiveEvents implements LiveEvents {
  readonly hub = new LocalHub();
  private readonly kept = new Map<string, Kept[]>();
  private lastMs = 0;
  private seq = 0;
  private lastSweep = 0;

  constructor(
    private readonly window: ReplayWindow = DEFAULT_REPLAY_WINDOW,
    private readonly now: () => number = Date.now,
  ) {}

  private nextId(): string {
    const ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.seq = 0;
    } else {
      this.seq++;
    }
    return `${this.lastMs}-${this.seq}`;
  }

  private trim(userId: string, at: number): Kept[] {
    const list = (this.kept.get(userId) ?? []).filter((k) => at - k.at <= this.window.windowMs).slice(-this.window.maxPerUser);
    if (list.length === 0) this.kept.delete(userId);
    else this.kept.set(userId, list);
    return list;
  }

  /** Users who stopped getting events would otherwise keep their last ones until the process ends. */
  private sweepIdle(at: number): void {
    if (at - this.lastSweep < this.window.windowMs) return;
    this.lastSweep = at;
    for (const userId of [...this.kept.keys()]) this.trim(userId, at);
  }

  async publish(userId: string, input: LiveEventInput): Promise<void> {
    const at = this.now();
    this.sweepIdle(at);
    const event: LiveEvent = { id: this.nextId(), type: input.type, data: input.data };
    const list = this.trim(userId, at);
    list.push({ at, event });
    this.kept.set(userId, list);
    this.hub.deliver(userId, event);
  }

  subscribe(userId: string, deliver: (event: LiveEvent) => void, after?: string): Promise<LiveSubscription> {
    return this.hub.subscribe(userId, deliver, {
      after,
      replay: async (from) =>
        this.trim(userId, this.now())
          .map((k) => k.event)
          .filter((e) => compareEventIds(e.id, from) > 0),
    });
  }

  async close(): Promise<void> {
    this.kept.clear();
  }
}
