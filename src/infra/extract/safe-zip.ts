import yauzl from 'yauzl';
import { CoreError } from '../../core/errors.js';

/**
 * A ZIP reader that refuses zip bombs. Everything the central directory declares is checked before one byte
 * is inflated (entry count, total size, per-entry ratio), and because declared sizes can lie, bytes are
 * counted again while inflating: yauzl stops any entry that outgrows its declared size, and a shared budget
 * stops the archive as a whole. Entries are inflated only when read, so unused media never are.
 */
export interface ZipLimits {
  /** Most entries an archive may have (a DOCX has a few dozen; thousands are an attack). */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio allowed for an entry bigger than `ratioCheckMinBytes`. */
  maxCompressionRatio: number;
  /** Small entries (XML full of repeated tags) compress very well and are harmless; only big ones are checked. */
  ratioCheckMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
};

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const tooLarge = (limits: ZipLimits) =>
  new CoreError(
    'payload_too_large',
    `This Word document would expand to more than ${megabytes(limits.maxUncompressedBytes)} when opened, so it was refused. Remove large embedded files or split the document.`,
  );
const lyingSizes = () =>
  new CoreError(
    'unprocessable',
    'This Word document was refused because its parts are bigger than its own index says, which happens only in damaged files or files built to overload a server.',
  );
const damaged = () =>
  new CoreError('unprocessable', 'This Word document is damaged and cannot be read. Open it in Word, save it again and upload the new copy.');

export class SafeZip {
  private spent = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Reads and checks the central directory; inflates nothing. */
  static async open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
    } catch {
      throw damaged();
    }
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw new CoreError(
        'payload_too_large',
        `This Word document contains ${zip.entryCount} internal files (at most ${limits.maxEntries} are allowed), so it was refused. It may be damaged or built to overload the server.`,
      );
    }
    const entries = await readDirectory(zip).catch((e: unknown) => {
      zip.close();
      throw e instanceof CoreError ? e : damaged();
    });
    try {
      checkDeclaredSizes(entries, limits);
    } catch (e) {
      zip.close();
      throw e;
    }
    return new SafeZip(zip, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(normalise(name));
  }

  /** Inflates one entry, counting every byte against the archive's budget. */
  async read(name: string): Promise<Buffer> {
    const entry = this.entries.get(normalise(name));
    if (!entry) throw damaged();
    const stream = await this.zip.openReadStreamPromise(entry).catch(() => {
      throw damaged();
    });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.spent += chunk.length;
        if (this.spent > this.limits.maxUncompressedBytes) throw tooLarge(this.limits);
        chunks.push(chunk);
      }
    } catch (e) {
      stream.destroy();
      if (e instanceof CoreError) throw e;
      // yauzl's own size check ("too many bytes in the stream") means the headers lied about this entry.
      throw /too many bytes/.test(String(e)) ? lyingSizes() : damaged();
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

function checkDeclaredSizes(entries: Map<string, yauzl.Entry>, limits: ZipLimits): void {
  let declared = 0;
  for (const entry of entries.values()) {
    if (entry.isEncrypted()) {
      throw new CoreError('unprocessable', 'This Word document is encrypted. Remove the password in Word and upload it again.');
    }
    declared += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      throw new CoreError(
        'unprocessable',
        `This Word document was refused because one of its parts expands ${Math.round(ratio)} times when opened, which only happens in files built to overload a server (a "zip bomb").`,
      );
    }
  }
  if (declared > limits.maxUncompressedBytes) throw tooLarge(limits);
}

const normalise = (name: string) => name.replace(/^\/+/, '').toLowerCase();

function readDirectory(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      const key = normalise(entry.fileName);
      // The first of duplicate names wins, as in Word; a directory entry carries no data.
      if (!entries.has(key) && !key.endsWith('/')) entries.set(key, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}
