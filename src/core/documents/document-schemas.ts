import { z } from 'zod';
import { deckCreateInput } from '../schemas.js';

export const MAX_CARDS_LIMIT = 1000;
export const MAX_BATCH_STATUS_IDS = 50;

const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code such as en or es');

/** Where the cards go: an existing deck of the user's, or a new deck made from these fields. */
export const generateInput = z
  .object({
    deck_id: z.uuid('must be a UUID').optional(),
    title: deckCreateInput.shape.title.optional(),
    description: deckCreateInput.shape.description,
    category: deckCreateInput.shape.category,
    difficulty: deckCreateInput.shape.difficulty,
    max_cards: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(MAX_CARDS_LIMIT, `must be at most ${MAX_CARDS_LIMIT}`)
      .optional(),
    language: languageSchema.optional(),
    /** One of the providers this server has keys for. The model is not a request option: cost is the operator's choice. */
    provider: z.string().trim().min(1).max(50).optional(),
  })
  .refine((v) => !(v.deck_id && v.title), { message: 'give either deck_id or new-deck fields such as title, not both', path: ['deck_id'] });

export type GenerateInput = z.infer<typeof generateInput>;

/** Options of a generation run without a deck (`opendeck generate`): the same limits, plus the operator's model. */
export const draftOptionsInput = z.object({
  max_cards: generateInput.shape.max_cards,
  language: generateInput.shape.language,
  provider: generateInput.shape.provider,
  model: z.string().trim().min(1).max(100).optional(),
});
