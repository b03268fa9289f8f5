/**
 * The tool a model is forced to call to hand back its cards (Anthropic's messages API and Bedrock's Converse
 * API both take structured output this way): its name, and the card schema as the tool's input schema.
 */
import { generatedCardsJsonSchema } from '../../core/index.js';

export const FLASHCARD_TOOL_NAME = 'record_flashcards';
export const FLASHCARD_TOOL_DESCRIPTION = 'Record the flashcards written from the document.';

const { $schema: _ignored, ...cardsSchema } = generatedCardsJsonSchema();
/** A JSON Schema object without $schema, which the tool APIs do not expect. */
export const FLASHCARD_TOOL_SCHEMA: Record<string, unknown> & { type: 'object' } = { ...cardsSchema, type: 'object' };
