/**
 * The subscribers of this process, by user, and the replay-then-live handover both implementations share: a new
 * subscriber is registered first (events arriving meanwhile are held), then given the kept events after its
 * Last-Event-ID, then the held ones; ids already delivered are skipped, so nothing is lost or repeated.
 */
import type { LiveEvent, LiveSubscription } from '../../core/index.js';
import { compareEventIds, isEventId } from './event-ids.js';

type Sink = (event: LiveEvent) => void;

export interface SubscribeOptions {
  after: string | undefined;
  replay: (after: string) => Promise<LiveEvent[]>;
  ready?: () => Promise<void>;
  onEmpty?: () => void;
}

export class LocalHub {
  private readonly sinks = new Map<string, Set<Sink>>();

  /** Subscribers of this user in this process. */
  count(userId: string): number {
    return this.sinks.get(userId)?.size ?? 0;
  }

  get users(): number {
    return this.sinks.size;
  }

  deliver(userId: string, event: LiveEvent): void {
    for (const sink of this.sinks.get(userId) ?? []) {
      try {
        sink(event);
      } catch {
        // One broken connection must not keep the event from the others.
      }
    }
  }

  /**
   * Registers `deliver`, waits for `ready` (the Redis channel subscribed), replays what `replay` returns after
   * `after`, then goes live. `onEmpty` runs when the user's last subscriber in this process leaves.
   */
  async subscribe(userId: string, deliver: Sink, options: SubscribeOptions): Promise<LiveSubscription> {
    const { after, replay, ready, onEmpty } = options;
    let last = isEventId(after) ? after : undefined;
    let held: LiveEvent[] | null = [];
    const emit = (event: LiveEvent) => {
      if (last && compareEventIds(event.id, last) <= 0) return;
      last = event.id;
      deliver(event);
    };
    const sink: Sink = (event) => (held ? held.push(event) : emit(event));
    let set = this.sinks.get(userId);
    if (!set) {
      set = new Set();
      this.sinks.set(userId, set);
    }
    set.add(sink);
    const close = () => {
      const current = this.sinks.get(userId);
      if (!current?.delete(sink)) return;
      if (current.size === 0) {
        this.sinks.delete(userId);
        onEmpty?.();
      }
    };
    try {
      await ready?.();
      if (last) for (const event of await replay(last)) emit(event);
    } catch (error) {
      close();
      throw error;
    }
    const pending = held;
    held = null;
    for (const event of pending) emit(event);
    return { close };
  }
}
