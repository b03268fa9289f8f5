/** The import's multipart body: its own size limit (the import's, not the 1 MB JSON one), one `file`, an optional deck_id. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CoreError, validationFailed, type ImportInput } from '../../core/index.js';
import type { AppEnv } from './env.js';
import { MULTIPART_OVERHEAD_BYTES } from './multipart.js';

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

export const importBodyGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!MULTIPART.test(c.req.header('content-type') ?? '')) {
    throw new CoreError('unsupported_media_type', 'Send the import as multipart/form-data with the file in a part named "file".');
  }
  const ports = c.get('ports');
  const maxFile = ports.exchange.limits.maxImportBytes;
  return bodyLimit({
    maxSize: maxFile + MULTIPART_OVERHEAD_BYTES,
    onError: () => {
      throw new CoreError('payload_too_large', `The import is larger than ${Math.round(maxFile / 1048576)} MB.`);
    },
  })(c, next);
};

export async function readImportForm(c: Context<AppEnv>): Promise<ImportInput> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new CoreError('bad_request', 'The multipart body could not be read. Send it as multipart/form-data with a valid boundary.');
  }
  const files = form.getAll('file');
  if (files.length === 0)
    throw validationFailed([{ path: 'file', message: 'is required: send the file to import in a part named "file"' }]);
  if (files.length > 1) throw validationFailed([{ path: 'file', message: 'must be sent once: import one file at a time' }]);
  const file = files[0]!;
  if (typeof file === 'string')
    throw validationFailed([{ path: 'file', message: 'must be a file part (with a filename), not a text field' }]);
  const deckIds = form.getAll('deck_id');
  if (deckIds.length > 1) throw validationFailed([{ path: 'deck_id', message: 'must be sent once' }]);
  const deckId = typeof deckIds[0] === 'string' ? deckIds[0].trim() : undefined;
  return {
    file: { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    ...(deckId ? { deckId } : {}),
  };
}
