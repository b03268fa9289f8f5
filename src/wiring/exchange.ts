import type { Config } from '../config/index.js';
import type { DeckExchange } from '../core/index.js';
import { createDeckExchange } from '../infra/exchange/deck-exchange.js';

/** Imports follow the upload limit (MAX_UPLOAD_MB), like documents: one rule for what a user may send. */
export const buildDeckExchange = (config: Pick<Config, 'maxUploadBytes'>): DeckExchange =>
  createDeckExchange({ maxImportBytes: config.maxUploadBytes });
