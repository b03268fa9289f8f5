/**
 * Contracts of the presigned-upload flow, mounted only when the storage can presign (S3_BUCKET): a Lambda
 * takes at most 6 MB per request, so large files go straight to S3 and only their confirmation comes here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireAuth } from './middleware/auth.js';
import { rateLimit } from './middleware/rate-limit.js';
import { BODY_PROBLEMS, bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import { UploadResultSchema } from './openapi/document-models.js';
import { BUDGET_PROBLEM, UPLOAD_PROBLEMS, problem } from './openapi/document-contracts.js';

const tags = ['Documents'];
const UPLOAD_ID = '0b6f2c1e-7d4a-4f3b-9e8c-5a2d1f0e9c7b';

const UploadUrlRequest = z
  .object({
    size_bytes: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'Exact size of the file; S3 refuses a PUT of any other size.', example: 7340032 }),
  })
  .openapi('UploadUrlRequest');

const UploadUrlSchema = z
  .object({
    upload_id: z.string().openapi({ format: 'uuid', example: UPLOAD_ID }),
    method: z.literal('PUT'),
    url: z.string().openapi({ format: 'uri', description: 'Presigned S3 URL: PUT the raw file bytes to it.' }),
    headers: z.record(z.string(), z.string()).openapi({
      description: 'Send these headers with the PUT exactly as given: they are part of the signature.',
      example: { 'content-length': '7340032', 'x-amz-server-side-encryption': 'AES256' },
    }),
    expires_at: z.string().openapi({ format: 'date-time', description: 'The URL is refused after this (15 minutes).' }),
  })
  .openapi('UploadUrl');

const ConfirmRequest = z
  .object({
    filename: z
      .string()
      .min(1)
      .max(255)
      .openapi({ description: "The file's name; with its content it decides the format.", example: 'Biology101.pdf' }),
    metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({
        description:
          'New-deck fields (title, description, category, difficulty) and optionally max_cards, language, provider: starts generation into a new deck.',
        example: { title: 'Cell biology', difficulty: 'beginner', max_cards: 30 },
      }),
    deck_id: z.string().optional().openapi({ format: 'uuid', description: 'One of your decks: starts generation into it.' }),
  })
  .openapi('ConfirmUploadRequest');

export const uploadUrlRoute = createRoute({
  method: 'post',
  path: '/documents/upload-url',
  tags,
  summary: 'Ask for a presigned upload URL',
  description:
    'For files too large to send through the API (its requests are limited to 6 MB on AWS Lambda): PUT the file to ' +
    '`url` with `headers`, then POST /documents/uploads/{upload_id}/confirm. Offered when files are kept in S3.',
  middleware: [requireAuth, rateLimit('upload_user')],
  security: bearerSecurity,
  request: { body: jsonBody(UploadUrlRequest, 'The size of the file to upload.') },
  responses: {
    201: jsonResponse(UploadUrlSchema, 'Where and how to PUT the file.'),
    ...problems(401, ...BODY_PROBLEMS),
    ...problem(413, 'size_bytes is above MAX_UPLOAD_MB (20 MB by default).'),
    ...BUDGET_PROBLEM,
  },
});

export const confirmUploadRoute = createRoute({
  method: 'post',
  path: '/documents/uploads/{upload_id}/confirm',
  tags,
  summary: 'Confirm a presigned upload',
  description:
    'Checks the uploaded file exactly as POST /documents/upload does (size, format by content and name, deck fields, ' +
    'budget), stores it as a document and, with metadata or deck_id, starts generation. An upload is confirmed once.',
  middleware: [requireAuth],
  security: bearerSecurity,
  request: {
    params: z.object({ upload_id: idParam('upload_id', UPLOAD_ID) }),
    body: jsonBody(ConfirmRequest, "The file's name and what to generate."),
  },
  responses: {
    201: jsonResponse(UploadResultSchema, 'The stored document, and the deck generation goes to (if asked for).'),
    ...UPLOAD_PROBLEMS,
    ...problem(
      404,
      'Nothing was uploaded for this upload id (or it was confirmed already, or it expired), or deck_id is not one of your decks.',
    ),
  },
});
