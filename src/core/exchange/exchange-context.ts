import { requireUser, type Ctx } from '../context.js';
import { CoreError } from '../errors.js';
import type { Ports } from '../ports.js';
import type { DeckExchange, ExchangePorts } from '../ports/exchange.js';

/** What export and import need: the deck and card repositories, the clock, ids and the file formats. */
export type ExchangeCtx = Pick<Ctx, 'userId' | 'requestId'> & {
  ports: Pick<Ports, 'decks' | 'cards' | 'clock' | 'ids'> & ExchangePorts;
};

export const hasExchangePorts = (ports: object): ports is ExchangePorts =>
  'exchange' in ports && (ports as { exchange?: DeckExchange }).exchange !== undefined;

/** The context with the exchange port, which the app guarantees on these routes. */
export function exchangeCtx(ctx: Ctx): ExchangeCtx {
  const { ports } = ctx;
  if (!hasExchangePorts(ports)) throw new CoreError('unavailable', 'Deck export and import are not available on this server.');
  return { userId: ctx.userId, requestId: ctx.requestId, ports: { ...ports, exchange: ports.exchange } };
}

export const requireExchangeUser = (ctx: ExchangeCtx): string => requireUser(ctx as Ctx);
