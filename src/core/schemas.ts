/**
 * Input rules of the use cases, in one place. The HTTP contract reuses these schemas (adding OpenAPI
 * metadata), so a limit changed here changes the API, its documentation and every other caller at once.
 * zod is a validation library, not a framework: the core may use it.
 */
import { z } from 'zod';
import { DECK_SORT_FIELDS, DIFFICULTIES } from './domain.js';

export const LIMITS = {
  titleMax: 200,
  descriptionMax: 2000,
  categoryMax: 100,
  questionMax: 5000,
  answerMax: 10000,
  sourceMax: 500,
  sourceUrlMax: 2000,
  quoteMax: 1000,
  sectionMax: 500,
  documentNameMax: 255,
  nameMax: 100,
  emailMax: 254,
  passwordMin: 8,
  passwordMax: 128,
  pageLimitMax: 100,
  pageLimitDefault: 20,
} as const;

// PostgreSQL cannot store U+0000 in text; refusing it here gives every backend the same answer.
const NO_NUL = /^[^\u0000]*$/;
const noNul = 'must not contain the NUL character (U+0000)';

/** Trimmed text that must not be blank. */
const text = (max: number) =>
  z.string().trim().min(1, 'must not be blank').max(max, `must be at most ${max} characters`).regex(NO_NUL, noNul);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).regex(NO_NUL, noNul);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
  .pipe(z.email('must be a valid email address'));

/** Not trimmed: spaces are legitimate password characters. Length counts Unicode code points. */
export const passwordSchema = z
  .string()
  .refine((p) => [...p].length >= LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
  .refine((p) => [...p].length <= LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`);

export const registerInput = z.object({
  email: emailSchema,
  name: text(LIMITS.nameMax),
  password: passwordSchema,
});

export const loginInput = z.object({
  email: emailSchema,
  // Login checks only that a password was sent: length rules must not reveal anything about accounts.
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});

export const refreshInput = z.object({ refresh_token: z.string().min(1, 'must not be empty').max(4096) });

/** Difficulty is accepted in any case and stored lower-case. */
export const difficultySchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(DIFFICULTIES, { message: `must be one of: ${DIFFICULTIES.join(', ')}` }),
);

export const deckCreateInput = z.object({
  title: text(LIMITS.titleMax),
  description: optionalText(LIMITS.descriptionMax).nullish(),
  category: optionalText(LIMITS.categoryMax).nullish(),
  difficulty: difficultySchema.nullish(),
});

/** PUT changes only the fields given; a title, when given, must still be valid. */
export const deckUpdateInput = deckCreateInput.partial();

export const sourceRefSchema = z.object({
  document_id: z.uuid('must be a UUID').nullish(),
  document_name: optionalText(LIMITS.documentNameMax).nullish(),
  page: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100000).nullish(),
  section: optionalText(LIMITS.sectionMax).nullish(),
  quote: optionalText(LIMITS.quoteMax).nullish(),
  kind: z.enum(['page', 'slide']).nullish(),
  ocr_confidence: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1').nullish(),
});

export const sourceUrlSchema = z
  .string()
  .trim()
  .max(LIMITS.sourceUrlMax, `must be at most ${LIMITS.sourceUrlMax} characters`)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }));

export const cardCreateInput = z.object({
  question: text(LIMITS.questionMax),
  answer: text(LIMITS.answerMax),
  source: text(LIMITS.sourceMax),
  source_url: sourceUrlSchema.nullish(),
  source_ref: sourceRefSchema.nullish(),
});

export const cardUpdateInput = cardCreateInput.partial();

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(LIMITS.pageLimitMax, `must be at most ${LIMITS.pageLimitMax}`)
    .default(LIMITS.pageLimitDefault),
  offset: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').default(0),
});

export const deckListQuery = pageQuery.extend({
  category: z.string().trim().max(LIMITS.categoryMax).optional(),
  difficulty: difficultySchema.optional(),
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  sort: z.enum(DECK_SORT_FIELDS, { message: `must be one of: ${DECK_SORT_FIELDS.join(', ')}` }).default('created_at'),
  order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).default('desc'),
});

export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;
export type DeckCreateInput = z.infer<typeof deckCreateInput>;
export type DeckUpdateInput = z.infer<typeof deckUpdateInput>;
export type CardCreateInput = z.infer<typeof cardCreateInput>;
export type CardUpdateInput = z.infer<typeof cardUpdateInput>;
