/**
 * Every key of every item, in one place. The attributes are `PK` and `SK` and the four entities have the key shapes
 * of the specification's data model (USER#<id>/USER#<id>, USER#<id>/DECK#<id>, DECK#<id>/CARD#<id>,
 * USER#<id>/DOC#<id>). Ids are UUIDs compared without case (as PostgreSQL's uuid type does), so they are
 * lower-cased before they become part of a key. Partition keys name the owner (USER#, DECK#), so a key built
 * from the caller's user id cannot reach another user's item.
 */
import { isUuid } from '../../core/index.js';

export type Key = { PK: string; SK: string };

export const norm = (id: string): string => id.toLowerCase();
export const validIds = (...ids: string[]): boolean => ids.every(isUuid);
export const iso = (date: Date): string => date.toISOString();
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

// users table
export const userKey = (userId: string): Key => ({ PK: `USER#${norm(userId)}`, SK: `USER#${norm(userId)}` });
/** Holds the user id of an email: the item whose conditional put makes emails unique. */
export const emailKey = (email: string): Key => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: 'EMAIL' });
export const sessionKey = (userId: string, sessionId: string): Key => ({ PK: `USER#${norm(userId)}`, SK: `SESSION#${norm(sessionId)}` });
export const refreshKey = (jti: string): Key => ({ PK: `REFRESH#${norm(jti)}`, SK: 'REFRESH' });
// Issuer and subject in separate key parts, so a '#' in either cannot make two identities collide.
export const identityKey = (issuer: string, subject: string): Key => ({ PK: `IDENTITY#${issuer}`, SK: `SUBJECT#${subject}` });

// decks table
export const deckPartition = (userId: string): string => `USER#${norm(userId)}`;
export const deckKey = (userId: string, deckId: string): Key => ({ PK: deckPartition(userId), SK: `DECK#${norm(deckId)}` });

// flashcards table. The card list's (created_at, id) order comes from the by_created index (created_key), not
// the sort key, which stays the specification's CARD#<id>.
export const cardPartition = (deckId: string): string => `DECK#${norm(deckId)}`;
export const cardKey = (deckId: string, cardId: string): Key => ({ PK: cardPartition(deckId), SK: `CARD#${norm(cardId)}` });
/** Partition key of the by_card index, which finds a card from its id alone. */
export const cardIndexKey = (cardId: string): string => `CARD#${norm(cardId)}`;

// documents table
export const documentPartition = (userId: string): string => `USER#${norm(userId)}`;
export const documentKey = (userId: string, documentId: string): Key => ({ PK: documentPartition(userId), SK: `DOC#${norm(documentId)}` });
/** The user's document count: the list's total without counting. */
export const documentCounterKey = (userId: string): Key => ({ PK: documentPartition(userId), SK: 'COUNT#DOCUMENTS' });
/** Sort key of the by_created indexes (cards, documents) and unfinished: time order with the id breaking ties. */
export const createdKey = (createdAt: Date, id: string): string => `${iso(createdAt)}#${norm(id)}`;
/** "This document points at this deck": what a deck deletion follows to clear the documents' deck_id. */
export const deckDocumentKey = (deckId: string, documentId: string): Key => ({ PK: `DECK#${norm(deckId)}`, SK: `DOC#${norm(documentId)}` });
export const usagePartition = (userId: string): string => `USAGE#${norm(userId)}`;
export const cacheKey = (userId: string, keyHash: string): Key => ({ PK: `CACHE#${norm(userId)}#${keyHash}`, SK: 'CACHE' });

/** Value of the sparse unfinished index's partition key: present only while a document is pending or processing. */
export const UNFINISHED = 'UNFINISHED';
