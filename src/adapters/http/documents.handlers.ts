import os from 'node:os';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  deleteDocument,
  documentStatuses,
  documentDownloadUrl,
  downloadDocument,
  generateFromDocument,
  getDocument,
  listDocuments,
  toStatusView,
  uploadDocuments,
} from '../../core/index.js';
import { contentDisposition, renderBatchStatus, renderDocument, renderDocumentStatus, renderUploadResult } from './documents.render.js';
import {
  batchStatusRoute,
  deleteDocumentRoute,
  documentStatusRoute,
  downloadDocumentRoute,
  generateRoute,
  getDocumentRoute,
  listDocumentsRoute,
  uploadDocumentsRoute,
} from './documents.routes.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { readUploadForm } from './multipart.js';
import { validationHook } from './problem.js';
import { renderPage } from './render.js';

/** Where uploads are staged while they are checked: the system's temporary folder unless told otherwise. */
export const DEFAULT_UPLOAD_TEMP_DIR = path.join(os.tmpdir(), 'opendeck-uploads');

export function documentRoutes(options: { uploadTempDir?: string } = {}): OpenAPIHono<AppEnv> {
  const uploadTempDir = options.uploadTempDir ?? DEFAULT_UPLOAD_TEMP_DIR;
  return (
    new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
      .openapi(uploadDocumentsRoute, async (c) => {
        const form = await readUploadForm(c, uploadTempDir);
        try {
          return c.json(renderUploadResult(await uploadDocuments({ ctx: useCaseCtx(c), input: form.input })), 201);
        } finally {
          await form.cleanup();
        }
      })
      .openapi(listDocumentsRoute, async (c) => {
        const page = await listDocuments({ ctx: useCaseCtx(c), input: c.req.valid('query') });
        return c.json(renderPage(page, renderDocument), 200);
      })
      // Before /documents/{document_id}: the first matching route answers.
      .openapi(batchStatusRoute, async (c) => {
        const ids = (c.req.valid('query').document_ids ?? '').split(',');
        const statuses = await documentStatuses({ ctx: useCaseCtx(c), input: { documentIds: ids } });
        return c.json(statuses.map(renderBatchStatus), 200);
      })
      .openapi(getDocumentRoute, async (c) => {
        const doc = await getDocument({ ctx: useCaseCtx(c), input: { documentId: c.req.valid('param').document_id } });
        return c.json(renderDocument(doc), 200);
      })
      .openapi(documentStatusRoute, async (c) => {
        const doc = await getDocument({ ctx: useCaseCtx(c), input: { documentId: c.req.valid('param').document_id } });
        return c.json(renderDocumentStatus(toStatusView(doc)), 200);
      })
      .openapi(generateRoute, async (c) => {
        const input = { documentId: c.req.valid('param').document_id, options: c.req.valid('json') };
        return c.json(renderDocument(await generateFromDocument({ ctx: useCaseCtx(c), input })), 202);
      })
      .openapi(deleteDocumentRoute, async (c) => {
        await deleteDocument({ ctx: useCaseCtx(c), input: { documentId: c.req.valid('param').document_id } });
        return c.body(null, 204);
      })
      .openapi(downloadDocumentRoute, async (c) => {
        const ctx = useCaseCtx(c);
        const documentId = c.req.valid('param').document_id;
        if (ctx.ports.presignedFiles) {
          // S3: a short-lived URL instead of the bytes (a Lambda answers at most 6 MB; the file need not pass through).
          const { url } = await documentDownloadUrl({ ctx, input: { documentId } });
          return c.body(null, 302, { Location: url, 'Cache-Control': 'private, no-store' });
        }
        const { document, bytes } = await downloadDocument({ ctx, input: { documentId } });
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': document.content_type,
          'Content-Length': String(bytes.byteLength),
          'Content-Disposition': contentDisposition(document.filename),
          // The stored type is detected, but a browser must still never reinterpret a user's file as HTML,
          // nor run anything in it should it ever render one inline.
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          // Personal files: no shared cache may keep a copy.
          'Cache-Control': 'private, no-store',
        });
      })
  );
}
