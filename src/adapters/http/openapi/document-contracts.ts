/**
 * The parts of the /documents contracts that the shared helpers do not cover: the multipart body and
 * problem responses whose wording differs from the JSON routes' (413, 415, 409, 429).
 */
import { PROBLEM_CONTENT_TYPE } from '../problem.js';
import { problems, ProblemSchema } from './common.js';

/** One problem response with its own description. */
export const problem = (status: number, description: string) => ({
  [status]: { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
});

export const CONFLICT_PROBLEM = (description: string) => problem(409, description);

export const BUDGET_PROBLEM = problem(
  429,
  'Your monthly AI token budget is spent (Retry-After: the seconds until it renews, the first day of next month, UTC), ' +
    'or you sent too many of these requests (RATE_LIMIT_UPLOAD_USER / RATE_LIMIT_GENERATE_USER; Retry-After: the wait).',
);

const metadataExample = { title: 'Cell biology', difficulty: 'beginner', max_cards: 30 };

/**
 * A plain OpenAPI schema, not a zod one, on purpose: @hono/zod-openapi validates zod form bodies itself, and
 * the upload must be parsed by our own reader (its size limit, its 415, files under two field names).
 */
export const UPLOAD_BODY = {
  description: 'multipart/form-data with the file(s) and, optionally, what to generate.',
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        properties: {
          file: { type: 'string' as const, format: 'binary', description: 'One document. Use either file or files.' },
          files: {
            type: 'array' as const,
            items: { type: 'string' as const, format: 'binary' },
            maxItems: 10,
            description: 'Several documents: repeat the part, up to the configured maximum (10 by default).',
          },
          metadata: {
            type: 'string' as const,
            description:
              'A JSON object: new-deck fields (title, description, category, difficulty) and optionally max_cards, ' +
              'language, provider, model. Starts generation into a new deck.',
            example: JSON.stringify(metadataExample),
          },
          deck_id: { type: 'string' as const, format: 'uuid', description: 'One of your decks: starts generation into it.' },
        },
      },
    },
  },
};

export const UPLOAD_PROBLEMS = {
  ...problems(401),
  ...problem(400, 'The multipart body cannot be read (for example a missing or wrong boundary).'),
  ...problem(404, 'deck_id is not one of your decks.'),
  ...problem(
    413,
    'A file is larger than MAX_UPLOAD_MB (20 MB by default), the request is larger than all allowed files together, ' +
      'or a Word document would inflate too far (zip bomb).',
  ),
  ...problem(
    415,
    'The body is not multipart/form-data, or a file is not a PDF, DOCX, PPTX, TXT, Markdown, PNG or JPEG file (judged by content and ' +
      "extension together; the client's content type is ignored).",
  ),
  ...problem(422, 'No file, an empty file, too many files, malformed metadata JSON or invalid deck fields; `errors` names each.'),
  ...BUDGET_PROBLEM,
};
