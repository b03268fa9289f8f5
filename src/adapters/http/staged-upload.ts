/**
 * Streaming a multipart upload to temporary files: each file is counted and hashed as it arrives and written
 * to disk, so memory does not grow with the upload. The per-file limit is enforced on the stream: the first
 * byte over it aborts the request. Every path (success, refusal, a client that disconnects) ends with
 * `cleanup()` removing the files.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { CoreError, cleanFilename, isCoreError, validationFailed, type StagedFile } from '../../core/index.js';

const CHUNK_BYTES = 64 * 1024;
const megabytes = (bytes: number) => `${Number((bytes / 1048576).toFixed(2))} MB`;

/** A staged file on local disk, read back in ranges (detection) or in chunks (storage). */
class TempFile implements StagedFile {
  constructor(
    private readonly file: string,
    readonly size: number,
    readonly sha256: string,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    for await (const chunk of createReadStream(this.file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
  }
}

export interface SpoolLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Text fields (and text sent as a file part, e.g. metadata as a Blob) larger than this are refused. */
  maxFieldBytes: number;
  /** Part names whose content is a file; other file parts are read past and ignored. */
  fileFields: readonly string[];
  /** Part names kept as text, whether sent as a field or a file part. */
  textFields: readonly string[];
}

export interface SpooledUpload {
  files: { field: string; filename: string; staged: StagedFile }[];
  fields: Map<string, string[]>;
  /** Removes the temporary files; safe to call more than once. */
  cleanup(): Promise<void>;
}

/** Browsers (and fetch's FormData) escape these three in a part's filename (WHATWG multipart/form-data encoding). */
const decodeFilename = (name: string | undefined) => (name ?? '').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');

const unreadable = () =>
  new CoreError('bad_request', 'The multipart body could not be read. Send it as multipart/form-data with a valid boundary.');

export async function spoolMultipart(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  tempRoot: string,
  limits: SpoolLimits,
): Promise<SpooledUpload> {
  await mkdir(tempRoot, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(tempRoot, 'upload-'));
  const writes: Promise<unknown>[] = [];
  const cleanup = async () => {
    await Promise.allSettled(writes);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (!body) throw unreadable();
    const parsed = await parse(Readable.fromWeb(body as WebReadableStream<Uint8Array>), contentType, dir, limits, writes);
    return { ...parsed, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function parse(source: Readable, contentType: string, dir: string, limits: SpoolLimits, writes: Promise<unknown>[]) {
  return new Promise<Omit<SpooledUpload, 'cleanup'>>((resolve, reject) => {
    const files: SpooledUpload['files'] = [];
    const fields = new Map<string, string[]>();
    const open = new Set<BusboyFileStream>();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // Stop reading the request: the refusal is answered now, with Connection: close (close-after-refusal.ts).
      source.unpipe();
      source.destroy();
      // With an error: busboy's file streams emit no 'close' on a plain destroy, which would leave pipeline() waiting.
      for (const stream of open) stream.destroy(error instanceof Error ? error : new Error('upload refused'));
      reject(error);
    };
    const addField = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
    const tooLong = (name: string) => validationFailed([{ path: name, message: `must be at most ${limits.maxFieldBytes / 1024} KB` }]);

    let busboy: BusboyInstance;
    try {
      busboy = Busboy({
        headers: { 'content-type': contentType },
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fieldSize: limits.maxFieldBytes,
          fields: 50,
          parts: limits.maxFiles + 50,
        },
      });
    } catch {
      reject(unreadable()); // no boundary
      return;
    }

    // Listeners run inside busboy's parser: anything they throw would be uncaught and end the process.
    const guarded =
      <A extends unknown[]>(listener: (...args: A) => void) =>
      (...args: A) => {
        try {
          listener(...args);
        } catch {
          fail(unreadable());
        }
      };

    busboy.on(
      'file',
      guarded((field: string, stream: BusboyFileStream, encodedName: string | undefined) => {
        if (failed) return void stream.resume();
        const filename = decodeFilename(encodedName);
        if (limits.textFields.includes(field)) return void readText(stream, field);
        if (!limits.fileFields.includes(field)) return void stream.resume();
        open.add(stream);
        const entry = { field, filename, staged: undefined as unknown as StagedFile };
        files.push(entry);
        const file = path.join(dir, String(files.length));
        const hash = createHash('sha256');
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        stream.on('limit', () =>
          fail(
            new CoreError(
              'payload_too_large',
              `${cleanFilename(filename)} is larger than ${megabytes(limits.maxFileBytes)}, the most a file may be.`,
            ),
          ),
        );
        const written = pipeline(stream, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 })).then(
          () => {
            open.delete(stream);
            entry.staged = new TempFile(file, size, hash.digest('hex'));
          },
          (error: unknown) => fail(failed ? error : unreadable()),
        );
        writes.push(written);
      }),
    );

    const readText = (stream: BusboyFileStream, field: string) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxFieldBytes) fail(tooLong(field));
        else chunks.push(chunk);
      });
      stream.on('end', () => addField(field, Buffer.concat(chunks).toString('utf8')));
    };

    busboy.on(
      'field',
      guarded((name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
        if (limits.fileFields.includes(name))
          fail(validationFailed([{ path: name, message: 'must be a file part (with a filename), not a text field' }]));
        else if (!limits.textFields.includes(name)) return;
        else if (valueTruncated) fail(tooLong(name));
        else addField(name, value);
      }),
    );
    busboy.on('filesLimit', () => fail(validationFailed([{ path: 'files', message: `at most ${limits.maxFiles} files per upload` }])));
    busboy.on('fieldsLimit', () => fail(new CoreError('bad_request', 'The upload has too many form fields.')));
    busboy.on('partsLimit', () => fail(new CoreError('bad_request', 'The upload has too many parts.')));
    busboy.on('error', () => fail(unreadable()));
    busboy.on('finish', () => {
      void Promise.all(writes).then(() => {
        if (!failed) resolve({ files, fields });
      });
    });
    // A client that disconnects mid-file ends here; the caller's cleanup removes what was written.
    source.on('error', (error) =>
      fail(isCoreError(error) ? error : new CoreError('bad_request', 'The upload was interrupted before it ended. Send it again.')),
    );
    source.pipe(busboy);
  });
}
