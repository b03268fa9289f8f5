/** Event-stream tickets in Redis: any API instance can redeem a ticket another one issued. */
import { Redis } from 'ioredis';
import type { EventTickets } from '../../core/index.js';
import { newTicket } from './memory-event-tickets.js';

export class RedisEventTickets implements EventTickets {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'od:live:ticket',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async issue(userId: string, ttlSeconds: number): Promise<string> {
    const ticket = newTicket();
    await this.redis.set(`${this.prefix}:${ticket}`, userId, 'EX', ttlSeconds);
    return ticket;
  }

  async redeem(ticket: string): Promise<string | null> {
    // GETDEL: read and remove in one step, so two connections can never share one ticket.
    return this.redis.getdel(`${this.prefix}:${ticket}`);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
