/**
 * Reading a multipart upload: its own size limit (the app's 1 MB JSON limit would refuse any real document),
 * the content-type check, and the form fields turned into the core's UploadInput.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CoreError, validationFailed, type Ports, type UploadInput, type UploadedFile } from '../../core/index.js';
import type { AppEnv } from './env.js';

/** Room for part headers, boundaries, metadata and deck_id on top of the files themselves. */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

// Without its boundary parameter it is still multipart: that fails later as an unreadable body (400), not a 415.
const MULTIPART = /^multipart\/form-data\s*(;|$)/i;
/** metadata holds a few deck fields; anything near this size is not metadata. */
const MAX_FIELD_CHARS = 16 * 1024;
const megabytes = (bytes: number) => `${Number((bytes / 1048576).toFixed(2))} MB`;

/** The most bytes an upload request may carry: every allowed file at its largest, plus the overhead. */
export function uploadRequestLimit(settings: Ports['documentSettings']): number {
  return settings.maxFilesPerUpload * settings.maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
}

/**
 * 415 before anything is read when the body is not multipart; then a cap enforced on Content-Length and,
 * for chunked bodies, while the bytes arrive, so an oversized upload is cut off at the limit instead of being read to its end.
 * The limit follows the configured settings, so it is computed per request from the ports.
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
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new CoreError(
        'payload_too_large',
        `The upload is larger than ${megabytes(maxSize)}. Send at most ${settings.maxFilesPerUpload} files of up to ${megabytes(settings.maxUploadBytes)} each.`,
      );
    },
  })(c, next);
};

async function readForm(c: Context<AppEnv>): Promise<FormData> {
  try {
    return await c.req.formData();
  } catch {
    throw new CoreError('bad_request', 'The multipart body could not be read. Send it as multipart/form-data with a valid boundary.');
  }
}

/** A single text field; blank counts as absent because HTML forms send empty inputs. */
async function textField(form: FormData, name: string): Promise<string | undefined> {
  const values = form.getAll(name);
  if (values.length > 1) throw validationFailed([{ path: name, message: 'must be sent once' }]);
  const value = values[0];
  // Some clients send JSON metadata as a Blob part with its own content type; its text is what counts.
  const text = typeof value === 'string' ? value : value ? await value.text() : undefined;
  if (text && text.length > MAX_FIELD_CHARS)
    throw validationFailed([{ path: name, message: `must be at most ${MAX_FIELD_CHARS / 1024} KB` }]);
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

/** The upload's files (`file` or repeated `files`), `metadata` and `deck_id`, for uploadDocuments. */
export async function readUploadForm(c: Context<AppEnv>): Promise<UploadInput> {
  const form = await readForm(c);
  const files: UploadedFile[] = [];
  for (const name of ['file', 'files']) {
    for (const value of form.getAll(name)) {
      if (typeof value === 'string') {
        throw validationFailed([{ path: name, message: 'must be a file part (with a filename), not a text field' }]);
      }
      files.push({ filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  const metadata = parseMetadata(await textField(form, 'metadata'));
  const deckId = await textField(form, 'deck_id');
  return { files, ...(metadata !== undefined ? { metadata } : {}), ...(deckId !== undefined ? { deck_id: deckId } : {}) };
}
