/**
 * Every key of every item, in one place. Ids are UUIDs compared without case (as PostgreSQL's uuid type does),
 * so they are lower-cased before they become part of a key. Partition keys name the owner (USER#, DECK#), so a
 * key built from the caller's user id cannot reach another user's item.
 */
import { isUuid } from '../../core/index.js';

export type Key = { pk: string; sk: string };

export const norm = (id: string): string => id.toLowerCase();
export const validIds = (...ids: string[]): boolean => ids.every(isUuid);
export const iso = (date: Date): string => date.toISOString();
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

// users table
export const userKey = (userId: string): Key => ({ pk: `USER#${norm(userId)}`, sk: 'PROFILE' });
/** Holds the user id of an email: the item whose conditional put makes emails unique. */
export const emailKey = (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' });
export const sessionKey = (userId: string, sessionId: string): Key => ({ pk: `USER#${norm(userId)}`, sk: `SESSION#${norm(sessionId)}` });
export const refreshKey = (jti: string): Key => ({ pk: `REFRESH#${norm(jti)}`, sk: 'REFRESH' });
// Issuer and subject in separate key parts, so a '#' in either cannot make two identities collide.
export const identityKey = (issuer: string, subject: string): Key => ({ pk: `IDENTITY#${issuer}`, sk: `SUBJECT#${subject}` });

// decks table
export const deckPartition = (userId: string): string => `USER#${norm(userId)}`;
export const deckKey = (userId: string, deckId: string): Key => ({ pk: deckPartition(userId), sk: `DECK#${norm(deckId)}` });

// flashcards table: a deck's cards in (created_at, id) order, which is the order the card list promises.
export const cardPartition = (deckId: string): string => `DECK#${norm(deckId)}`;
export const cardKey = (deckId: string, createdAt: Date, cardId: string): Key => ({
  pk: cardPartition(deckId),
  sk: `CARD#${iso(createdAt)}#${norm(cardId)}`,
});
/** Partition key of the by_card index, which finds a card from its id alone. */
export const cardIndexKey = (cardId: string): string => `CARD#${norm(cardId)}`;

// documents table
export const documentPartition = (userId: string): string => `USER#${norm(userId)}`;
export const documentKey = (userId: string, documentId: string): Key => ({ pk: documentPartition(userId), sk: `DOC#${norm(documentId)}` });
/** The user's document count: the list's total without counting. */
export const documentCounterKey = (userId: string): Key => ({ pk: documentPartition(userId), sk: 'COUNT#DOCUMENTS' });
/** Sort key of the by_created and unfinished indexes: newest/oldest first with the id breaking ties. */
export const createdKey = (createdAt: Date, documentId: string): string => `${iso(createdAt)}#${norm(documentId)}`;
/** "This document points at this deck": what a deck deletion follows to clear the documents' deck_id. */
export const deckDocumentKey = (deckId: string, documentId: string): Key => ({ pk: `DECK#${norm(deckId)}`, sk: `DOC#${norm(documentId)}` });
export const usagePartition = (userId: string): string => `USAGE#${norm(userId)}`;
export const cacheKey = (userId: string, keyHash: string): Key => ({ pk: `CACHE#${norm(userId)}#${keyHash}`, sk: 'CACHE' });

/** Value of the sparse unfinished index's partition key: present only while a document is pending or processing. */
export const UNFINISHED = 'UNFINISHED';
