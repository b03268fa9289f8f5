/** Contracts of deck export and import. */
import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { rateLimit } from './middleware/rate-limit.js';
import { importBodyGuard } from './exchange.multipart.js';
import { bearerSecurity, idParam, jsonResponse, problems } from './openapi/common.js';
import { problem } from './openapi/document-contracts.js';

const tags = ['Decks'];
const auth = { middleware: requireAuth, security: bearerSecurity };

/** Exempt from the app's 1 MB body limit: the import enforces its own (see exchange.multipart.ts). */
export const IMPORT_PATH = '/decks/import';

const ExportParams = z.object({ deck_id: idParam('deck_id', '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f') });
const ExportQuery = z.object({
  format: z
    .string()
    .optional()
    .openapi({
      description: `apkg (Anki package, the default), csv (Anki's text import, tab-separated) or json (OpenDeck).`,
      example: 'apkg',
      enum: [...EXPORT_FORMATS],
    }),
});

const binary = z.string().openapi({ format: 'binary' });

export const exportDeckRoute = createRoute({
  method: 'get',
  path: '/decks/{deck_id}/export',
  tags,
  summary: 'Export a deck (Anki package, CSV or JSON)',
  description:
    'The whole deck as a download, streamed. **apkg**: an Anki package (legacy collection.anki21, schema 11) that Anki ' +
    '2.1 and current Anki import; note type "OpenDeck Basic" (Question, Answer, Source, Page, Section, Quote, SourceURL; ' +
    'the back shows the source and the quote), one note per card with a GUID derived from the card id, so importing a ' +
    'newer export updates the notes instead of duplicating them; deck "Category::Title"; tags opendeck, the category ' +
    "and the document. **csv**: the same notes as tab-separated text with Anki's file headers (#separator, #html, " +
    '#notetype, #deck, #guid column, #tags column), columns guid, the seven fields, tags. **json**: ' +
    '{format, version, exported_at, deck, cards}, the cards as the API returns them.',
  ...auth,
  request: { params: ExportParams, query: ExportQuery },
  responses: {
    200: {
      description: 'The file, with Content-Disposition: attachment and a name from the deck title.',
      headers: { 'Content-Disposition': { schema: { type: 'string' }, example: 'attachment; filename="Cell-biology.apkg"' } },
      content: {
        'application/apkg': { schema: binary },
        'text/csv': { schema: z.string() },
        'application/json': {
          schema: z
            .object({
              format: z.string(),
              version: z.number(),
              deck: z.object({}).passthrough(),
              cards: z.array(z.object({}).passthrough()),
            })
            .passthrough(),
        },
      },
    },
    ...problems(401, 404, 422),
  },
});

const SkippedNoteSchema = z
  .object({
    row: z.number().int().openapi({ description: '1-based position of the note or row in the file.', example: 12 }),
    guid: z.string().nullable().openapi({ example: 'a1b2c3d4e5' }),
    reason: z.string().openapi({ example: 'the answer is empty' }),
  })
  .openapi('SkippedNote');

export const ImportResultSchema = z
  .object({
    deck_id: z.string().openapi({ format: 'uuid', description: 'The deck new cards went into.' }),
    deck_created: z.boolean().openapi({ description: 'True when the import made a new deck.' }),
    format: z.enum(['apkg', 'colpkg', 'csv', 'json']),
    created: z.number().int().openapi({ description: 'New cards.', example: 1 }),
    updated: z.number().int().openapi({ description: 'Cards changed because the note was newer and different.', example: 1 }),
    unchanged: z.number().int().openapi({ description: 'Notes that matched a card and changed nothing.', example: 48 }),
    kept_newer_here: z
      .number()
      .int()
      .openapi({ description: 'Of the unchanged: notes that differ but are older than the card here.', example: 0 }),
    skipped: z.number().int().openapi({ description: 'Notes that could not become cards.', example: 0 }),
    skipped_notes: z.array(SkippedNoteSchema).openapi({ description: 'Why, for the first 100 skipped notes.' }),
    media_ignored: z.number().int().openapi({ description: 'Media files in the package (not imported).', example: 0 }),
  })
  .openapi('ImportResult');

export const importDeckRoute = createRoute({
  method: 'post',
  path: IMPORT_PATH,
  tags,
  summary: 'Import cards (Anki package, CSV or JSON) without duplicates',
  description:
    'multipart/form-data with `file`: an Anki package (.apkg or .colpkg, including the zstd-compressed ' +
    "collection.anki21b of current Anki), a CSV/TSV (with or without Anki's file headers, or with a header row naming " +
    'question and answer columns) or an OpenDeck JSON export; optionally `deck_id`. A note whose GUID is one of your ' +
    'cards (from an export here) or a note imported before is that card: it is updated only when the note is newer ' +
    "(Anki's modification time after the card's updated_at; CSV rows count as newer) and differs; every other note " +
    'becomes a new card, in `deck_id`, else in the deck of the cards the file matched, else in a new deck named after ' +
    'the file\'s deck. A card that cites nothing gets the source "Imported from <file name>". Media files are not ' +
    'imported (counted in media_ignored). Importing the same file twice changes nothing the second time.',
  ...auth,
  // An import is an upload: it shares the per-user upload limit (RATE_LIMIT_UPLOAD_USER).
  middleware: [requireAuth, rateLimit('upload_user'), importBodyGuard],
  request: {
    body: {
      description: 'The file and, optionally, the deck to import into.',
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object' as const,
            properties: {
              file: { type: 'string' as const, format: 'binary', description: '.apkg, .colpkg, .csv, .tsv, .txt or .json.' },
              deck_id: { type: 'string' as const, format: 'uuid', description: 'One of your decks: new cards go there.' },
            },
            required: ['file'],
          },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ImportResultSchema, 'What the import did, note by note counted.'),
    ...problems(401),
    ...problem(400, 'The multipart body cannot be read.'),
    ...problem(404, 'deck_id is not one of your decks.'),
    ...problem(413, 'The file is larger than the import limit (MAX_UPLOAD_MB), holds too many notes, or would inflate too far (zip bomb).'),
    ...problem(415, 'The body is not multipart/form-data, or the file is not an Anki package, CSV/TSV or OpenDeck JSON.'),
    ...problem(
      422,
      'No file, an empty file, a damaged file (not a zip, a truncated archive, a database that is not an Anki collection, malformed JSON or CSV), or a file with no note that can become a card.',
    ),
    ...problem(429, 'Too many uploads (imports count as uploads: RATE_LIMIT_UPLOAD_USER); Retry-After gives the wait.'),
  },
});
