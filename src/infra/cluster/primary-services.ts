/**
 * The primary process's side of the cluster's shared state without Redis: it answers the workers' requests
 * (primary-link.ts) from one InProcessLiveEvents (ids, replay window) and one MemoryEventTickets, broadcasts every
 * published event to all workers, and hosts the rate limits' shared counts (rate-limiter-flexible's cluster master).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Serializable } from 'node:child_process';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import type { LiveEventInput } from '../../core/index.js';
import { InProcessLiveEvents } from '../live/in-process-live-events.js';
import { MemoryEventTickets } from '../live/memory-event-tickets.js';
import { LIVE_KIND, type PublishedEvent } from './cluster-live.js';
import { IPC_TAG, isIpcMessage, type IpcMessage } from './primary-link.js';

export function servePrimaryServices(): void {
  new RateLimiterClusterMaster();
  const events = new InProcessLiveEvents();
  const tickets = new MemoryEventTickets();
  const broadcast = (kind: string, payload: unknown) => {
    const message: IpcMessage = { tag: IPC_TAG, op: 'broadcast', kind, payload };
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send(message as Serializable);
    }
  };
  // Payloads come from our own workers (primary-link.ts callers), so their shapes are known.
  const handlers: Record<string, (payload: never) => Promise<unknown>> = {
    [LIVE_KIND.publish]: async ({ userId, input }: { userId: string; input: LiveEventInput }) => {
      await events.publish(userId, input);
    },
    [LIVE_KIND.replay]: async ({ userId, after }: { userId: string; after: string }) => {
      const replayed: unknown[] = [];
      const subscription = await events.subscribe(userId, (event) => replayed.push(event), after);
      subscription.close();
      return replayed;
    },
    [LIVE_KIND.issue]: ({ userId, ttlSeconds }: { userId: string; ttlSeconds: number }) => tickets.issue(userId, ttlSeconds),
    [LIVE_KIND.redeem]: ({ ticket }: { ticket: string }) => tickets.redeem(ticket),
  };

  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isIpcMessage(message) || message.op !== 'request') return;
    const reply = (answer: { value?: unknown; error?: string }) => {
      const response: IpcMessage = { tag: IPC_TAG, op: 'response', id: message.id, ...answer };
      if (worker.isConnected()) worker.send(response as Serializable);
    };
    const handler = handlers[message.kind];
    if (!handler) return reply({ error: `unknown request ${message.kind}` });
    handler(message.payload as never).then(
      (value) => reply({ value: value ?? null }),
      (error: Error) => reply({ error: error.message }),
    );
  });

  // Every published event passes through the hub's deliver (the primary holds no streams itself): from there
  // it goes to every worker, and each delivers it to the streams it holds for that user.
  const deliver = events.hub.deliver.bind(events.hub);
  events.hub.deliver = (userId, event) => {
    deliver(userId, event);
    broadcast(LIVE_KIND.event, { userId, event } satisfies PublishedEvent);
  };
}
