import type { EventTickets, LiveEvents } from '../../core/index.js';

/**
 * The event streams this process holds open. They never end by themselves, so the shutdown drain closes them
 * (each client's EventSource then reconnects, to another instance, with its Last-Event-ID).
 */
export class LiveStreams {
  private readonly open = new Set<() => void>();

  get size(): number {
    return this.open.size;
  }

  /** Registers a stream's close; returns the function that unregisters it. */
  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  closeAll(): void {
    for (const close of [...this.open]) close();
    this.open.clear();
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
