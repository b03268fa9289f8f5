/** Event-stream tickets in this process (embedded mode): random, single-use, short-lived. */
import { randomBytes } from 'node:crypto';
import type { EventTickets } from '../../core/index.js';

export const newTicket = (): string => randomBytes(24).toString('base64url');

export class MemoryEventTickets implements EventTickets {
  private readonly tickets = new Map<string, { userId: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async issue(userId: string, ttlSeconds: number): Promise<string> {
    const at = this.now();
    // Expired ones are dropped as new ones are made, so the map cannot grow without bound.
    for (const [ticket, { expires }] of this.tickets) if (expires <= at) this.tickets.delete(ticket);
    const ticket = newTicket();
    this.tickets.set(ticket, { userId, expires: at + ttlSeconds * 1000 });
    return ticket;
  }

  async redeem(ticket: string): Promise<string | null> {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry && entry.expires > this.now() ? entry.userId : null;
  }
}
