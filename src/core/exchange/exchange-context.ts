import type { Ctx } from '../context.js';
import type { Ports } from '../ports/index.js';

/**
 * What export and import use: the deck and card repositories, the clock, ids and the file formats. A full Ctx is
 * one; naming the subset lets the CLI, the contract suite and the benchmark run the verbs on a bare store.
 */
export type ExchangeCtx = Pick<Ctx, 'userId' | 'requestId'> & {
  ports: Pick<Ports, 'decks' | 'cards' | 'clock' | 'ids' | 'exchange'>;
};
