/** Deck export and import: the verbs, the GUID rules and the ports' types. */
export * from '../ports/exchange.js';
export type { ExchangeCtx } from './exchange-context.js';
export { exportDeck, exportAllDecks, EXPORT_PAGE_SIZE } from './export-decks.js';
export { importDeck, type ImportInput, type ImportResult, type SkippedNote } from './import-deck.js';
export { guidForCard, cardIdFromGuid, importedCardId, guidForQuestion } from './note-guid.js';
export { sha1 } from './sha1.js';
