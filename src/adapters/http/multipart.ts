/**
 * Reading a multipart upload: its own size limit (the app's 1 MB JSON limit would refuse any real document),
 * the content-type check, and the form fields turned into the core's UploadInput. The files themselves are
 * streamed to temporary files (staged-upload.ts); c.req.formData() would hold the whole body in memory.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CoreError, validationFailed, type Ports, type UploadInput, type UploadedFile } from '../../core/index.js';
import type { AppEnv } from './env.js';
import { spoolMultipart } from './staged-upload.js';

/** Room for part headers, boundaries, metadata and deck_id on top of the files themselves. */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

// Without its boundary parameter it is still multipart: that fails later as an unreadable body (400), not a 415.
const MULTIPART = /^multipart\/form-data\s*(;|$)/i;
/** metadata holds a few deck fields; anything near this size is not metadata. */
const MAX_FIELD_BYTES = 16 * 1024;
const megabytes = (bytes: number) => `${Number((bytes / 1048576).toFixed(2))} MB`;

/** The most bytes an upload request may carry: every allowed file at its largest, plus the overhead. */
export function uploadRequestLimit(settings: Ports['documentSettings']): number {
  return settings.maxFilesPerUpload * settings.maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
}

/**
 * 415 before anything is read when the body is not multipart; then a cap enforced on Content-Length and,
 * for chunked bodies, while the bytes arrive, so an oversized upload is cut off at the limit instead of being read to its end.
 * The limit follows the configured settings, so it is computed per request from the ports. Hono's bodyLimit is
 * not used here: for a chunked body it collects the whole body in memory before passing it on.
 */
export const uploadBodyGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!MULTIPART.test(c.req.header('content-type') ?? '')) {
    throw new CoreError(
      'unsupported_media_type',
      'Send the upload as multipart/form-data with the document in a part named "file" (or several named "files").',
    );
  }
  const settings = c.get('ports').documentSettings;
  const maxSize = uploadRequestLimit(settings);
  const tooLarge = () =>
    new CoreError(
      'payload_too_large',
      `The upload is larger than ${megabytes(maxSize)}. Send at most ${settings.maxFilesPerUpload} files of up to ${megabytes(settings.maxUploadBytes)} each.`,
    );
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding')) {
    if (Number.parseInt(declared, 10) > maxSize) throw tooLarge();
  } else if (c.req.raw.body) {
    c.req.raw = new Request(c.req.raw, { body: countedBody(c.req.raw.body, maxSize, tooLarge), duplex: 'half' } as RequestInit);
  }
  await next();
};

/** The body passed through as it arrives, failing with `tooLarge()` at the first byte past `maxSize`. */
function countedBody(body: ReadableStream<Uint8Array>, maxSize: number, tooLarge: () => Error): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxSize) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** A single text field; blank counts as absent because HTML forms send empty inputs. */
function textField(fields: Map<string, string[]>, name: string): string | undefined {
  const values = fields.get(name) ?? [];
  if (values.length > 1) throw validationFailed([{ path: name, message: 'must be sent once' }]);
  const text = values[0];
  return text?.trim() ? text.trim() : undefined;
}

function parseMetadata(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ path: 'metadata', message: 'must be a JSON object such as {"title": "Cell biology"}' }]);
  }
}

export interface UploadForm {
  input: UploadInput;
  /** Removes the staged files; call it once the upload has been handled, whatever the outcome. */
  cleanup(): Promise<void>;
}

/**
 * The upload's files (`file` or repeated `files`), `metadata` and `deck_id`, for uploadDocuments. Files are
 * streamed to temporary files under `tempRoot` (see staged-upload.ts), never read into memory.
 */
export async function readUploadForm(c: Context<AppEnv>, tempRoot: string): Promise<UploadForm> {
  const settings = (c.get('ports') as Ports).documentSettings;
  const spooled = await spoolMultipart(c.req.raw.body, c.req.header('content-type') ?? '', tempRoot, {
    maxFileBytes: settings.maxUploadBytes,
    maxFiles: settings.maxFilesPerUpload,
    maxFieldBytes: MAX_FIELD_BYTES,
    fileFields: ['file', 'files'],
    textFields: ['metadata', 'deck_id'],
  });
  try {
    const files: UploadedFile[] = spooled.files.map((f) => ({ filename: f.filename, content: f.staged }));
    const metadata = parseMetadata(textField(spooled.fields, 'metadata'));
    const deckId = textField(spooled.fields, 'deck_id');
    const input = { files, ...(metadata !== undefined ? { metadata } : {}), ...(deckId !== undefined ? { deck_id: deckId } : {}) };
    return { input, cleanup: spooled.cleanup };
  } catch (error) {
    await spooled.cleanup();
    throw error;
  }
}
