/** Uploaded documents, the generation cache, and the token ledger behind the monthly budget. */
import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { CachedGeneration, DocumentFormat, DocumentStatus, GenerationOptions } from '../../core/index.js';
import { timestamptz } from './schema-columns.js';
import { users } from './schema-accounts.js';
import { decks } from './schema-decks.js';

/** bigint read as a JS number: token totals outgrow int4 long before they outgrow 2^53. */
const bigNumber = (name: string) => bigint(name, { mode: 'number' });

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    content_type: text('content_type').notNull(),
    format: text('format').$type<DocumentFormat>().notNull(),
    size_bytes: bigNumber('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storage_key: text('storage_key'),
    status: text('status').$type<DocumentStatus>().notNull().default('uploaded'),
    progress: integer('progress').notNull().default(0),
    page_count: integer('page_count'),
    cards_generated: integer('cards_generated').notNull().default(0),
    cards_rejected: integer('cards_rejected').notNull().default(0),
    /** Document.rejections, pages_with_cards, sections_with_cards (migration 0008). */
    rejections: jsonb('rejections').$type<Record<string, number>>().notNull().default({}),
    pages_with_cards: integer('pages_with_cards'),
    sections_with_cards: integer('sections_with_cards'),
    // A deleted deck leaves the document (and its history) in place; a job aimed at it then fails cleanly.
    deck_id: uuid('deck_id').references(() => decks.id, { onDelete: 'set null' }),
    language: text('language'),
    error_message: text('error_message'),
    status_detail: text('status_detail'),
    generation: jsonb('generation').$type<GenerationOptions>(),
    input_tokens: bigNumber('input_tokens').notNull().default(0),
    output_tokens: bigNumber('output_tokens').notNull().default(0),
    // An estimate from list prices: a float is precise enough and reads back as a number, not a string.
    estimated_cost_usd: doublePrecision('estimated_cost_usd'),
    processed_at: timestamptz('processed_at'),
    created_at: timestamptz('created_at').notNull(),
    updated_at: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('documents_status_known', sql`${t.status} in ('uploaded', 'pending', 'processing', 'completed', 'failed')`),
    check('documents_format_known', sql`${t.format} in ('pdf', 'docx', 'pptx', 'txt', 'markdown', 'png', 'jpeg')`),
    check('documents_progress_percent', sql`${t.progress} between 0 and 100`),
    // The document list, newest first, id as tie-breaker so pages never overlap. NULLS FIRST is what a plain
    // ORDER BY ... DESC means; the NULLS LAST that drizzle-kit writes by default would not match it.
    index('documents_user_created_idx').on(t.user_id, t.created_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Recovery at start scans only unfinished work, which is a tiny share of all documents.
    index('documents_unfinished_idx').on(t.created_at, t.id).where(sql`${t.status} in ('pending', 'processing')`),
    index('documents_deck_id_idx').on(t.deck_id),
  ],
);

export const generationCache = pgTable(
  'generation_cache',
  {
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').$type<CachedGeneration>().notNull(),
    created_at: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'generation_cache_pk', columns: [t.user_id, t.key] })],
);

/**
 * One row per completed generation that spent tokens. The budget sums this ledger rather than the
 * documents: regenerating a document overwrites its token fields and deleting it removes them, and
 * neither may hand the user's spent tokens back.
 */
export const tokenUsage = pgTable(
  'token_usage',
  {
    id: bigNumber('id').primaryKey().generatedAlwaysAsIdentity(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // No foreign key: the spend outlives the document.
    document_id: uuid('document_id').notNull(),
    input_tokens: bigNumber('input_tokens').notNull(),
    output_tokens: bigNumber('output_tokens').notNull(),
    recorded_at: timestamptz('recorded_at').notNull(),
  },
  (t) => [index('token_usage_user_recorded_idx').on(t.user_id, t.recorded_at)],
);
