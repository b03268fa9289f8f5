import { UPLOADED_DOCUMENT_STATE, type Document, type DocumentRepository, type DocumentStatus } from '../../core/index.js';
import { completeMemoryDocument, copyDocument } from './memory-complete-document.js';
import { compareIds, copyDate, idKey, paginate, type MemoryStore } from './memory-store.js';

const isUnfinished = (status: DocumentStatus): boolean => status === 'pending' || status === 'processing';

/** Newest first, the id breaking ties: the order of the SQL list and its index. */
const newestFirst = (a: Document, b: Document): number => b.created_at.getTime() - a.created_at.getTime() || compareIds(b.id, a.id);

/** Same rules as the SQL repository; each method is synchronous between lookup and write, so calls cannot interleave. */
export function createMemoryDocumentRepository(store: MemoryStore): DocumentRepository {
  const owned = (userId: string, documentId: string): Document | null => {
    const doc = store.documents.get(idKey(documentId));
    return doc && idKey(doc.user_id) === idKey(userId) ? doc : null;
  };
  const mine = (userId: string) => [...store.documents.values()].filter((d) => idKey(d.user_id) === idKey(userId));

  return {
    async create(doc) {
      const { id, user_id, filename, content_type, format, size_bytes, sha256, storage_key, created_at } = doc;
      const stored: Document = {
        id,
        user_id,
        filename,
        content_type,
        format,
        size_bytes,
        sha256,
        storage_key,
        ...UPLOADED_DOCUMENT_STATE,
        created_at: copyDate(created_at),
        updated_at: copyDate(created_at),
      };
      store.documents.set(idKey(id), stored);
      return copyDocument(stored);
    },
    async get(userId, documentId) {
      const doc = owned(userId, documentId);
      return doc ? copyDocument(doc) : null;
    },
    async getMany(userId, documentIds) {
      const wanted = new Set(documentIds.map(idKey));
      return mine(userId)
        .filter((d) => wanted.has(idKey(d.id)))
        .sort(newestFirst)
        .map(copyDocument);
    },
    async list(userId, page) {
      const { items, total } = paginate(mine(userId).sort(newestFirst), page.offset, page.limit);
      return { items: items.map(copyDocument), total, limit: page.limit, offset: page.offset };
    },
    async markPending(userId, documentId, options, now) {
      const doc = owned(userId, documentId);
      if (!doc || isUnfinished(doc.status)) return null;
      // Like the SQL: the document only ever points at a deck of its own user.
      const deck = store.decks.get(idKey(options.deck_id));
      const patch: Partial<Document> = {
        status: 'pending',
        progress: 0,
        generation: { ...options },
        error_message: null,
        deck_id: deck && idKey(deck.user_id) === idKey(userId) ? deck.id : null,
        updated_at: copyDate(now),
      };
      Object.assign(doc, patch);
      return copyDocument(doc);
    },
    async markProcessing(userId, documentId, now) {
      const doc = owned(userId, documentId);
      if (!doc || !isUnfinished(doc.status)) return null;
      doc.status = 'processing';
      doc.updated_at = copyDate(now);
      return copyDocument(doc);
    },
    async setProgress(userId, documentId, progress, now) {
      const doc = owned(userId, documentId);
      const value = Math.max(0, Math.min(100, Math.floor(progress)));
      if (!doc || doc.status !== 'processing' || doc.progress >= value) return;
      doc.progress = value;
      doc.updated_at = copyDate(now);
    },
    async markFailed(userId, documentId, message, now) {
      const doc = owned(userId, documentId);
      if (!doc || doc.status === 'completed') return;
      const patch: Partial<Document> = { status: 'failed', error_message: message, processed_at: copyDate(now), updated_at: copyDate(now) };
      Object.assign(doc, patch);
    },
    // async, so a stray card rejects the promise instead of throwing at the call, as the SQL version does.
    async complete(userId, documentId, deckId, outcome, now) {
      return completeMemoryDocument(store, { userId, documentId, deckId, outcome, now });
    },
    async delete(userId, documentId) {
      const doc = owned(userId, documentId);
      if (!doc) return null;
      store.documents.delete(idKey(doc.id));
      return copyDocument(doc);
    },
    async listUnfinished(limit) {
      const unfinished = [...store.documents.values()].filter((d) => isUnfinished(d.status));
      unfinished.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || compareIds(a.id, b.id));
      return unfinished.slice(0, Math.max(0, Math.floor(limit))).map(copyDocument);
    },
    async tokensUsedSince(userId, since) {
      return store.tokenUsage
        .filter((u) => idKey(u.user_id) === idKey(userId) && u.recorded_at.getTime() >= since.getTime())
        .reduce((sum, u) => sum + u.input_tokens + u.output_tokens, 0);
    },
    async deckQuestions(userId, deckId) {
      const inDeck = [...store.cards.values()].filter((c) => idKey(c.deck_id) === idKey(deckId) && idKey(c.user_id) === idKey(userId));
      inDeck.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || compareIds(a.id, b.id));
      return inDeck.map((c) => c.question);
    },
  };
}
