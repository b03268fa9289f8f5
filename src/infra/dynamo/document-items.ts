/** The document item and its index attributes. */
import {
  UPLOADED_DOCUMENT_STATE,
  type Document,
  type DocumentFormat,
  type DocumentStatus,
  type GenerationOptions,
  type NewDocument,
} from '../../core/index.js';
import { createdKey, documentKey, iso, norm } from './keys.js';
import type { Item } from './query.js';

/** Statuses of a generation that is queued or running: markPending refuses them, recovery requeues them. */
export const UNFINISHED_STATUSES: DocumentStatus[] = ['pending', 'processing'];

/** A new document with everything about generation at its starting value; only the caller's own fields are taken. */
export function documentItem(doc: NewDocument): Item {
  const { id, user_id, filename, content_type, format, size_bytes, sha256, storage_key, created_at } = doc;
  return {
    ...documentKey(user_id, id),
    // Sort key of the by_created (list) and unfinished (recovery) indexes.
    created_key: createdKey(created_at, id),
    id: norm(id),
    user_id: norm(user_id),
    filename,
    content_type,
    format,
    size_bytes,
    sha256,
    storage_key,
    ...UPLOADED_DOCUMENT_STATE,
    created_at: iso(created_at),
    updated_at: iso(created_at),
  };
}

const date = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);
const orNull = <T>(value: unknown): T | null => (value ?? null) as T | null;

export const toDocument = (item: Item): Document => ({
  id: item.id as string,
  user_id: item.user_id as string,
  filename: item.filename as string,
  content_type: item.content_type as string,
  format: item.format as DocumentFormat,
  size_bytes: item.size_bytes as number,
  sha256: item.sha256 as string,
  storage_key: orNull<string>(item.storage_key),
  status: item.status as DocumentStatus,
  progress: item.progress as number,
  page_count: orNull<number>(item.page_count),
  cards_generated: item.cards_generated as number,
  cards_rejected: item.cards_rejected as number,
  // Items written before these attributes existed have none.
  rejections: (item.rejections as Record<string, number> | undefined) ?? {},
  pages_with_cards: orNull<number>(item.pages_with_cards),
  sections_with_cards: orNull<number>(item.sections_with_cards),
  deck_id: orNull<string>(item.deck_id),
  language: orNull<string>(item.language),
  error_message: orNull<string>(item.error_message),
  status_detail: orNull<string>(item.status_detail),
  generation: orNull<GenerationOptions>(item.generation),
  input_tokens: item.input_tokens as number,
  output_tokens: item.output_tokens as number,
  estimated_cost_usd: orNull<number>(item.estimated_cost_usd),
  processed_at: date(item.processed_at),
  created_at: new Date(item.created_at as string),
  updated_at: new Date(item.updated_at as string),
});
