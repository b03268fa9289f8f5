/**
 * Live events for a signed-in user's open connections (Server-Sent Events): "your document moved on", "a
 * notification arrived". They are advisory: whoever misses one can always poll, so publishing never fails a use
 * case. Recent events are kept for a short window, so a client that reconnects with the last id it saw resumes
 * without a gap.
 */

export const LIVE_EVENT_TYPES = ['document.progress', 'document.completed', 'document.failed', 'notification.created'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEventInput {
  type: LiveEventType;
  data: Record<string, unknown>;
}

export interface LiveEvent extends LiveEventInput {
  /** Increases with every event of the user; what a client sends back as Last-Event-ID. */
  id: string;
}

export interface LiveSubscription {
  /** Stops delivery to this subscriber. */
  close(): void;
}

export interface LiveEventPublisher {
  /** Assigns the id, keeps the event for the replay window and delivers it to the user's subscribers. */
  publish(userId: string, event: LiveEventInput): Promise<void>;
}

export interface LiveEvents extends LiveEventPublisher {
  /**
   * Delivers the user's events to `deliver` from now on; with `after` (a Last-Event-ID), first those kept since
   * that id, so nothing published in between is lost or delivered twice.
   */
  subscribe(userId: string, deliver: (event: LiveEvent) => void, after?: string): Promise<LiveSubscription>;
  close(): Promise<void>;
}

/** Short-lived, single-use tickets for EventSource, which cannot send an Authorization header. */
export interface EventTickets {
  issue(userId: string, ttlSeconds: number): Promise<string>;
  /** The user the ticket was issued to, once; null when unknown, used or expired. */
  redeem(ticket: string): Promise<string | null>;
}
