import type { EventTickets, LiveEvents } from '../../core/index.js';

/**
 * The event streams this process holds open, by user. They never end by themselves, so the shutdown drain
 * closes them (each client's EventSource then reconnects, to another instance, with its Last-Event-ID); and one
 * user may hold only so many, so a runaway client cannot take every socket of the instance.
 */
export class LiveStreams {
  private readonly open = new Map<string, Set<() => void>>();

  constructor(readonly maxPerUser = 20) {}

  get size(): number {
    let n = 0;
    for (const set of this.open.values()) n += set.size;
    return n;
  }

  /** False when the user already holds maxPerUser streams here. */
  hasRoom(userId: string): boolean {
    return (this.open.get(userId)?.size ?? 0) < this.maxPerUser;
  }

  /** Registers a stream's close; returns the function that unregisters it. */
  add(userId: string, close: () => void): () => void {
    let set = this.open.get(userId);
    if (!set) {
      set = new Set();
      this.open.set(userId, set);
    }
    set.add(close);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.open.get(userId) === set) this.open.delete(userId);
    };
  }

  closeAll(): void {
    const all = [...this.open.values()].flatMap((set) => [...set]);
    this.open.clear();
    for (const close of all) close();
  }
}

/** What the /events routes need; absent where streaming is impossible (AWS Lambda behind API Gateway). */
export interface LiveDeps {
  events: LiveEvents;
  tickets: EventTickets;
  streams: LiveStreams;
  /** Comment lines that keep proxies from closing an idle stream; default 15 s. */
  heartbeatMs?: number;
}
