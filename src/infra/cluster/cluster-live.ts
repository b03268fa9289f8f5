/**
 * Live events and event-stream tickets shared by the workers of one `opendeck serve --workers N` without
 * Redis: a job in one worker publishes, a stream opened on another receives. The primary assigns event ids,
 * keeps the replay window and the tickets (primary-services.ts); each worker keeps only its own subscribers.
 */
import type { EventTickets, LiveEvent, LiveEventInput, LiveEvents, LiveSubscription } from '../../core/index.js';
import { LocalHub } from '../live/local-hub.js';
import type { PrimaryLink } from './primary-link.js';

export const LIVE_KIND = {
  publish: 'live.publish',
  replay: 'live.replay',
  event: 'live.event',
  issue: 'ticket.issue',
  redeem: 'ticket.redeem',
} as const;

export interface PublishedEvent {
  userId: string;
  event: LiveEvent;
}

export class ClusterLiveEvents implements LiveEvents {
  readonly hub = new LocalHub();

  constructor(private readonly link: PrimaryLink) {
    link.onBroadcast(LIVE_KIND.event, (payload) => {
      const { userId, event } = payload as PublishedEvent;
      this.hub.deliver(userId, event);
    });
  }

  async publish(userId: string, input: LiveEventInput): Promise<void> {
    await this.link.request(LIVE_KIND.publish, { userId, input });
  }

  subscribe(userId: string, deliver: (event: LiveEvent) => void, after?: string): Promise<LiveSubscription> {
    // Registered before the replay is asked for (the hub holds broadcasts meanwhile), so nothing falls between.
    return this.hub.subscribe(userId, deliver, {
      after,
      replay: (from) => this.link.request<LiveEvent[]>(LIVE_KIND.replay, { userId, after: from }),
    });
  }

  async close(): Promise<void> {}
}

export class ClusterEventTickets implements EventTickets {
  constructor(private readonly link: PrimaryLink) {}

  issue(userId: string, ttlSeconds: number): Promise<string> {
    return this.link.request(LIVE_KIND.issue, { userId, ttlSeconds });
  }

  redeem(ticket: string): Promise<string | null> {
    return this.link.request(LIVE_KIND.redeem, { ticket });
  }
}
