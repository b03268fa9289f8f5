/** Contracts of /documents. Request rules are the core's; only documentation (and multipart) is added here. */
import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_TYPES, MAX_BATCH_STATUS_IDS, generateInput, pageQuery } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { rateLimit } from './middleware/rate-limit.js';
import { uploadBodyGuard } from './multipart.js';
import { bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import { DocumentSchema, DocumentStatusBatchSchema, DocumentStatusSchema, UploadResultSchema } from './openapi/document-models.js';
import { pageOf } from './openapi/models.js';
import { BUDGET_PROBLEM, CONFLICT_PROBLEM, UPLOAD_BODY, UPLOAD_PROBLEMS } from './openapi/document-contracts.js';

const tags = ['Documents'];
const auth = { middleware: requireAuth, security: bearerSecurity };
const DOC_ID = '5a1e3b7c-9d2f-4e8a-b6c1-0f9e8d7c6b5a';

const GenerateRequest = generateInput.meta({
  id: 'GenerateRequest',
  description:
    'Where the cards go: deck_id (one of your decks) or new-deck fields (title, description, category, difficulty); ' +
    'without either, a new deck named after the document. Optional max_cards (1-1000), language (ISO 639-1; default the ' +
    "document's own), provider and model (default the configured ones).",
  example: { title: 'Cell biology', difficulty: 'beginner', max_cards: 30, language: 'en' },
});

const p = pageQuery.shape;
const DocumentListQuery = pageQuery.extend({
  limit: p.limit.meta({ description: 'Page size, 1 to 100.', example: 20 }),
  offset: p.offset.meta({ description: 'Rows to skip.', example: 0 }),
});
const BatchStatusQuery = z.object({
  document_ids: z
    .string()
    .optional()
    .openapi({
      description: `Comma-separated document ids, at most ${MAX_BATCH_STATUS_IDS}.`,
      example: `${DOC_ID},00000000-0000-4000-8000-000000000000`,
    }),
});
// The stored types without their charset parameter, which the response header carries.
const DOWNLOAD_TYPES = [...new Set(Object.values(CONTENT_TYPES).map((type) => type.split(';')[0]!))];
const DocumentParams = z.object({ document_id: idParam('document_id', DOC_ID) });

/** Exempt from the app's 1 MB body limit: the upload enforces its own (see multipart.ts). */
export const UPLOAD_PATH = '/documents/upload';

export const uploadDocumentsRoute = createRoute({
  method: 'post',
  path: UPLOAD_PATH,
  tags,
  summary: 'Upload documents',
  description:
    'Stores one document (part `file`) or several (repeated parts `files`). PDF, Word (.docx), PowerPoint (.pptx), text ' +
    '(.txt), Markdown (.md) and photos of pages (.png, .jpg; read by OCR unless the server runs with OCR=off) are ' +
    'accepted, recognised by content and extension together. With `metadata` (new-deck fields) or `deck_id`, ' +
    'card generation starts at once for every file into one deck; poll GET /documents/status for progress.',
  middleware: [requireAuth, rateLimit('upload_user'), uploadBodyGuard],
  security: bearerSecurity,
  request: { body: UPLOAD_BODY },
  responses: {
    201: jsonResponse(UploadResultSchema, 'The stored documents, and the deck generation goes to (if asked for).'),
    ...UPLOAD_PROBLEMS,
  },
});

export const listDocumentsRoute = createRoute({
  method: 'get',
  path: '/documents',
  tags,
  summary: 'List your documents',
  description: 'Your documents only, newest first, paginated.',
  ...auth,
  request: { query: DocumentListQuery },
  responses: {
    200: jsonResponse(pageOf(DocumentSchema, 'DocumentPage'), 'A page of documents.'),
    ...problems(401, 422),
  },
});

/** Declared before /documents/{document_id}, so "status" is never taken for an id. */
export const batchStatusRoute = createRoute({
  method: 'get',
  path: '/documents/status',
  tags,
  summary: 'Status of several documents',
  description:
    'Progress of up to 50 documents in one call, for clients polling a batch upload: a bare JSON array in the ' +
    'order asked, each entry with document_id (and id), filename, status, progress, error_message, page_count, ' +
    'cards_generated, cards_rejected and deck_id. Ids that are not yours, do not exist or are malformed are left ' +
    'out alike. A document stored without generation reads `uploaded`.',
  ...auth,
  request: { query: BatchStatusQuery },
  responses: {
    200: jsonResponse(DocumentStatusBatchSchema, 'The statuses found, in the order asked for (a bare array).'),
    ...problems(401, 422),
  },
});

export const getDocumentRoute = createRoute({
  method: 'get',
  path: '/documents/{document_id}',
  tags,
  summary: 'Get a document',
  description: 'One of your documents, with its status, card counts and the token usage of its generation.',
  ...auth,
  request: { params: DocumentParams },
  responses: { 200: jsonResponse(DocumentSchema, 'The document.'), ...problems(401, 404) },
});

export const documentStatusRoute = createRoute({
  method: 'get',
  path: '/documents/{document_id}/status',
  tags,
  summary: 'Status of a document',
  description: 'A small view for polling: status, progress, card counts and the error message of a failed run.',
  ...auth,
  request: { params: DocumentParams },
  responses: { 200: jsonResponse(DocumentStatusSchema, 'The status.'), ...problems(401, 404) },
});

export const generateRoute = createRoute({
  method: 'post',
  path: '/documents/{document_id}/generate',
  tags,
  summary: 'Generate cards from a document',
  description:
    'Queues card generation (answers 202 at once; poll the status). Every stored card quotes the document verbatim, ' +
    'checked on the cited page. The body may be omitted. Refused with 429 once your monthly AI token budget is spent.',
  middleware: [requireAuth, rateLimit('generate_user')],
  security: bearerSecurity,
  request: { params: DocumentParams, body: { ...jsonBody(GenerateRequest, 'Where the cards go, and how many.'), required: false } },
  responses: {
    202: jsonResponse(DocumentSchema, 'Queued: the document, now pending.'),
    ...problems(401, 404, 400, 413, 415, 422),
    ...CONFLICT_PROBLEM('Cards are already being generated for this document (pending or processing).'),
    ...BUDGET_PROBLEM,
  },
});

export const deleteDocumentRoute = createRoute({
  method: 'delete',
  path: '/documents/{document_id}',
  tags,
  summary: 'Delete a document',
  description: 'Removes the document and its file. Cards made from it stay, with their source text and quote.',
  ...auth,
  request: { params: DocumentParams },
  responses: {
    204: { description: 'Deleted.' },
    ...problems(401, 404),
    ...CONFLICT_PROBLEM('Cards are being generated from this document right now; delete it when that has finished.'),
  },
});

export const downloadDocumentRoute = createRoute({
  method: 'get',
  path: '/documents/{document_id}/file',
  tags,
  summary: 'Download the original file',
  description:
    'The file exactly as uploaded, with the detected content type and Content-Disposition: attachment carrying the ' +
    'original name (RFC 6266, with an ASCII fallback). Where files are kept in S3, a 302 to a presigned URL valid for ' +
    '5 minutes that serves the same.',
  ...auth,
  request: { params: DocumentParams },
  responses: {
    302: { description: 'Files in S3: the Location header is a presigned URL of the file (5 minutes).' },
    200: {
      description: 'The original bytes.',
      headers: {
        'Content-Disposition': {
          schema: { type: 'string' },
          example: 'attachment; filename="Biology101.pdf"; filename*=UTF-8\'\'Biology101.pdf',
        },
      },
      content: Object.fromEntries(DOWNLOAD_TYPES.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
    },
    ...problems(401, 404),
  },
});
