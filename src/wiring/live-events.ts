/**
 * Live events and event-stream tickets, from config: in Redis when REDIS_URL is set (API instances and workers
 * then reach each other's connections), else in this process (embedded mode runs jobs in the API process too).
 */
import type { Config } from '../config/index.js';
import type { EventTickets, LiveEvents } from '../core/index.js';
import { InProcessLiveEvents } from '../infra/live/in-process-live-events.js';
import { MemoryEventTickets } from '../infra/live/memory-event-tickets.js';
import { RedisEventTickets } from '../infra/live/redis-event-tickets.js';
import { RedisLiveEvents } from '../infra/live/redis-live-events.js';
import { ClusterEventTickets, ClusterLiveEvents } from '../infra/cluster/cluster-live.js';
import { PrimaryLink } from '../infra/cluster/primary-link.js';

export interface LiveWiring {
  events: LiveEvents;
  tickets: EventTickets;
  close(): Promise<void>;
}

export function buildLiveEvents(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, clustered = false): LiveWiring {
  if (!config.redisUrl && clustered) {
    // A worker of `serve --workers N`: the primary relays events and keeps tickets for all workers.
    const link = new PrimaryLink();
    return { events: new ClusterLiveEvents(link), tickets: new ClusterEventTickets(link), close: async () => {} };
  }
  if (!config.redisUrl) {
    const events = new InProcessLiveEvents();
    return { events, tickets: new MemoryEventTickets(), close: () => events.close() };
  }
  const prefix = `${config.redisPrefix}:live`;
  const events = new RedisLiveEvents({ url: config.redisUrl, prefix });
  const tickets = new RedisEventTickets(config.redisUrl, `${prefix}:ticket`);
  return {
    events,
    tickets,
    close: async () => {
      await Promise.all([events.close(), tickets.close()]);
    },
  };
}
