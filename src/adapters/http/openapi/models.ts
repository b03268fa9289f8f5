/** Response bodies, as the API renders them (snake_case, ISO 8601 UTC timestamps). */
import { z } from '@hono/zod-openapi';
import { DIFFICULTIES, LIMITS, QUALITY_FLAGS } from '../../../core/index.js';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' });
const uuid = (example: string) => z.string().openapi({ format: 'uuid', example });

export const UserSchema = z
  .object({
    id: uuid('0b8f5a7e-6a53-4f5f-9d0f-4c1b2a3d4e5f'),
    email: z.string().openapi({ format: 'email', example: 'ada@example.com' }),
    name: z.string().openapi({ example: 'Ada Lovelace' }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('User');

export const AuthTokensSchema = z
  .object({
    access_token: z.string().openapi({ description: 'Short-lived JWT for the Authorization: Bearer header.' }),
    refresh_token: z.string().openapi({ description: 'Works once: POST it to /auth/refresh for a new pair.' }),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().openapi({ description: 'Seconds until the access token expires.', example: 900 }),
    user: UserSchema,
  })
  .openapi('AuthTokens');

export const DeckSchema = z
  .object({
    id: uuid('3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f'),
    user_id: uuid('0b8f5a7e-6a53-4f5f-9d0f-4c1b2a3d4e5f'),
    title: z.string().openapi({ example: 'Cell biology' }),
    description: z.string().nullable().openapi({ example: 'Organelles and their functions' }),
    category: z.string().nullable().openapi({ example: 'Biology' }),
    difficulty: z.enum(DIFFICULTIES).nullable().openapi({ example: 'beginner' }),
    card_count: z.number().int().openapi({ description: 'Exact number of cards in the deck.', example: 12 }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Deck');

export const SourceRefSchema = z
  .object({
    document_id: z.string().nullable().openapi({ format: 'uuid' }),
    document_name: z.string().nullable().openapi({ example: 'Biology101.pdf' }),
    page: z.number().int().nullable().openapi({ example: 3 }),
    section: z.string().nullable().openapi({ example: '1.2 Organelles' }),
    quote: z.string().nullable().openapi({ example: 'Mitochondria are the site of cellular respiration.' }),
    kind: z
      .enum(['page', 'slide'])
      .optional()
      .openapi({ description: 'What `page` counts: a page, or a slide of a presentation (cited as "Slide 7").', example: 'page' }),
    ocr_confidence: z.number().min(0).max(1).optional().openapi({
      description: 'Present when the quote was read by OCR from a scanned page or photo: how sure OCR was of that page, 0 to 1.',
      example: 0.93,
    }),
  })
  .openapi('SourceRef', { description: 'Where the card came from, precise enough to check.' });

export const CardSchema = z
  .object({
    id: uuid('7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921'),
    deck_id: uuid('3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f'),
    question: z.string().openapi({ example: 'What is the main function of mitochondria?' }),
    answer: z.string().openapi({ example: 'Producing ATP through cellular respiration.' }),
    source: z.string().openapi({ example: 'Biology101.pdf - Page 3, Section 1.2', maxLength: LIMITS.sourceMax }),
    source_url: z.string().nullable().openapi({ format: 'uri', example: 'https://example.edu/biology101.pdf' }),
    source_ref: SourceRefSchema.nullable(),
    quality_flags: z.array(z.string()).openapi({
      description:
        `Card-quality rules a generated card breaks but was kept for (one of ${QUALITY_FLAGS.join(', ')}): ` +
        'dangling_pronoun, the question leans on a pronoun whose noun is not on the card; long_answer, the answer is ' +
        'longer than one fact needs; long_list, the answer enumerates many items. Empty for a clean card, for cards ' +
        'made or edited by hand, and once the question or answer is edited.',
      example: [],
    }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Card');

/** The list envelope every collection uses. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().openapi({ description: 'Rows matching the filters, ignoring limit and offset.', example: 1 }),
      limit: z.number().int().openapi({ example: 20 }),
      offset: z.number().int().openapi({ example: 0 }),
    })
    .openapi(name);
