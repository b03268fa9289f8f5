/** Documents -> JSON bodies and download headers. */
import type { BatchStatusView, Document, DocumentStatusView, UploadResult } from '../../core/index.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const renderDocumentStatus = (d: DocumentStatusView) => ({
  id: d.id,
  status: d.status,
  progress: d.progress,
  page_count: d.page_count,
  cards_generated: d.cards_generated,
  cards_rejected: d.cards_rejected,
  rejections: d.rejections,
  pages_with_cards: d.pages_with_cards,
  sections_with_cards: d.sections_with_cards,
  deck_id: d.deck_id,
  error_message: d.error_message,
  detail: d.status_detail,
  processed_at: isoOrNull(d.processed_at),
  updated_at: iso(d.updated_at),
});

/** An entry of the batch poll, named as the original web client reads it (document_id) and as the API does (id). */
export const renderBatchStatus = (d: BatchStatusView) => {
  const { id, ...rest } = renderDocumentStatus(d);
  return { document_id: id, id, filename: d.filename, ...rest };
};

/** storage_key stays inside: it names server storage, which is none of the client's business. */
export const renderDocument = (d: Document) => ({
  ...renderDocumentStatus(d),
  user_id: d.user_id,
  filename: d.filename,
  content_type: d.content_type,
  format: d.format,
  size_bytes: d.size_bytes,
  sha256: d.sha256,
  language: d.language,
  generation: d.generation
    ? {
        deck_id: d.generation.deck_id,
        max_cards: d.generation.max_cards,
        language: d.generation.language,
        provider: d.generation.provider,
        model: d.generation.model,
      }
    : null,
  input_tokens: d.input_tokens,
  output_tokens: d.output_tokens,
  estimated_cost_usd: d.estimated_cost_usd,
  created_at: iso(d.created_at),
});

export const renderUploadResult = (r: UploadResult) => ({
  documents: r.documents.map(renderDocument),
  document_ids: r.document_ids,
  deck_id: r.deck_id,
});

// RFC 5987 attr-char: what may stay unescaped in filename*. encodeURIComponent leaves a few more.
const NOT_ATTR_CHAR = /['()*]/g;

/**
 * `attachment` with both forms of the name (RFC 6266): `filename*` carries it exactly in UTF-8, and the
 * quoted `filename` is an ASCII fallback for old clients, where quotes, backslashes, control and
 * non-ASCII characters become "_" so the header can never be broken out of.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(NOT_ATTR_CHAR, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
