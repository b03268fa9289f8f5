/** Response bodies of /documents, as the API renders them (snake_case, ISO 8601 UTC timestamps). */
import { z } from '@hono/zod-openapi';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, REJECTION_REASONS } from '../../../core/index.js';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' });
const uuid = (example: string) => z.string().openapi({ format: 'uuid', example });
const DOC_ID = '5a1e3b7c-9d2f-4e8a-b6c1-0f9e8d7c6b5a';
const DECK_ID = '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

const status = z.enum(DOCUMENT_STATUSES).openapi({
  description:
    'uploaded: stored, no generation asked for; pending: waiting in the queue; processing; completed; failed (see error_message).',
  example: 'completed',
});

/** Fields the full document and its status view share. */
const progressFields = {
  id: uuid(DOC_ID),
  status,
  progress: z.number().int().openapi({ description: '0 to 100; moves as pages are processed.', example: 100 }),
  page_count: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Pages, or slides of a presentation; null for formats without pages (text, Markdown).', example: 12 }),
  cards_generated: z.number().int().openapi({ example: 18 }),
  cards_rejected: z.number().int().openapi({
    description: 'Proposed cards dropped: their quote is not in the document, or they break a card-quality rule (see rejections).',
    example: 2,
  }),
  rejections: z.record(z.string(), z.number().int()).openapi({
    description:
      `cards_rejected by reason: ${REJECTION_REASONS.join(', ')}. ungrounded: the quote is not in the document; ` +
      'near_duplicate: the same question as another card; the others are card-quality rules (markup, not_a_question, ' +
      'refers_to_document: "the text", "this section"; cloze_splits_word: a blank cutting a number, word or name apart; ' +
      'cloze_blank_meaningless; answer_in_question; answer_too_long; too_many_items). Only reasons that occurred are listed.',
    example: { ungrounded: 1, answer_in_question: 1 },
  }),
  pages_with_cards: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Distinct pages the stored cards cite (coverage); null until a run completes.', example: 11 }),
  sections_with_cards: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Distinct sections the stored cards cite (coverage); null until a run completes.', example: 6 }),
  deck_id: uuid(DECK_ID).nullable().openapi({ description: 'The deck the cards go to, once generation was asked for.' }),
  error_message: z.string().nullable().openapi({ description: 'Why generation failed, in words a person understands.', example: null }),
  detail: z
    .string()
    .nullable()
    .openapi({
      description:
        'A sentence about the state besides the status, or null: while processing, e.g. that the run waits for the AI ' +
        'provider to come back and will resume by itself; once completed, e.g. that no card was added because every ' +
        'card made from the document was already in the deck, or what reading the file found: pages read by OCR (and ' +
        'those OCR was unsure of), pages with no text, hidden slides left out.',
      example: null,
    }),
  processed_at: timestamp.nullable(),
  updated_at: timestamp,
};

export const GenerationOptionsSchema = z
  .object({
    deck_id: uuid(DECK_ID),
    max_cards: z.number().int().openapi({ example: 30 }),
    language: z.string().nullable().openapi({ description: "ISO 639-1; null means the document's own language.", example: null }),
    provider: z.string().openapi({ example: 'offline' }),
    model: z.string().openapi({ example: 'extractive-v1' }),
  })
  .openapi('GenerationOptions', { description: 'What the latest generation run was asked to do.' });

export const DocumentSchema = z
  .object({
    ...progressFields,
    user_id: uuid('0b8f5a7e-6a53-4f5f-9d0f-4c1b2a3d4e5f'),
    filename: z.string().openapi({ description: 'The uploaded name, for display only.', example: 'Biology101.pdf' }),
    content_type: z.string().openapi({ description: 'Detected from the content, not taken from the client.', example: 'application/pdf' }),
    format: z.enum(DOCUMENT_FORMATS).openapi({ example: 'pdf' }),
    size_bytes: z.number().int().openapi({ example: 482113 }),
    sha256: z.string().openapi({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }),
    language: z.string().nullable().openapi({ description: 'Main language of the text (ISO 639-1), once read.', example: 'en' }),
    generation: GenerationOptionsSchema.nullable(),
    input_tokens: z.number().int().openapi({ description: 'Model input tokens the generation used.', example: 15230 }),
    output_tokens: z.number().int().openapi({ example: 2210 }),
    estimated_cost_usd: z.number().nullable().openapi({ description: "Null where the model's price is not known.", example: 0.0123 }),
    created_at: timestamp,
  })
  .openapi('Document');

export const DocumentStatusSchema = z.object(progressFields).openapi('DocumentStatus');

/**
 * One entry of GET /documents/status: the shape the original web client's upload page reads (`DocumentStatus`
 * in its document.model.ts), which keys on document_id and shows filename, status, progress and the counts.
 */
export const DocumentBatchStatusSchema = z
  .object({
    document_id: uuid(DOC_ID).openapi({ description: 'The document; the web client keys on this name.' }),
    id: uuid(DOC_ID).openapi({ description: 'The same id again, as every other document body names it.' }),
    filename: z.string().openapi({ description: 'The uploaded name, for display only.', example: 'Biology101.pdf' }),
    status,
    progress: progressFields.progress,
    error_message: progressFields.error_message,
    page_count: progressFields.page_count,
    cards_generated: progressFields.cards_generated,
    cards_rejected: progressFields.cards_rejected,
    rejections: progressFields.rejections,
    pages_with_cards: progressFields.pages_with_cards,
    sections_with_cards: progressFields.sections_with_cards,
    deck_id: progressFields.deck_id,
    processed_at: progressFields.processed_at,
    updated_at: progressFields.updated_at,
  })
  .openapi('DocumentBatchStatus');

export const DocumentStatusBatchSchema = z.array(DocumentBatchStatusSchema).openapi('DocumentStatusBatch', {
  description: 'A bare array, in the order the ids were asked for; ids not found are left out.',
});

export const UploadResultSchema = z
  .object({
    documents: z.array(DocumentSchema),
    document_ids: z.array(z.string()).openapi({ example: [DOC_ID] }),
    deck_id: uuid(DECK_ID).nullable().openapi({ description: 'The deck generation goes to; null when none was asked for.' }),
  })
  .openapi('UploadResult');
