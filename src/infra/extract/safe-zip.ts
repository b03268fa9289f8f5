import yauzl from 'yauzl';
import { CoreError } from '../../core/index.js';
import {
  DEFAULT_ZIP_LIMITS,
  assertDeclaredSizes,
  assertEntryCount,
  inflatesTooFar,
  kindOf,
  type ZipDocumentKind,
  type ZipLimits,
} from './zip-limits.js';

/**
 * A ZIP reader that refuses zip bombs. Everything the central directory declares is checked before one byte
 * is inflated (entry count, total size, per-entry ratio), and because declared sizes can lie, bytes are
 * counted again while inflating: yauzl stops any entry that outgrows its declared size, and a shared budget
 * stops the archive as a whole. Entries are inflated only when read, so unused media never are.
 */
const lyingSizes = (kind: ZipDocumentKind) =>
  new CoreError(
    'unprocessable',
    `This ${kind.name} was refused because its parts are bigger than its own index says, which happens only in damaged files or files built to overload a server.`,
  );
export const damagedZip = (kind: ZipDocumentKind) =>
  new CoreError(
    'unprocessable',
    `This ${kind.name} is damaged and cannot be read. Open it in ${kind.app}, save it again and upload the new copy.`,
  );

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
      throw damagedZip(kindOf(limits));
    }
    try {
      assertEntryCount(zip.entryCount, limits);
      const all = await readDirectory(zip);
      // Every entry counts, including duplicate names that will never be read: the rules are about the file.
      assertDeclaredSizes(
        all.map((e) => ({ compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, encrypted: e.isEncrypted() })),
        limits,
      );
      return new SafeZip(zip, byName(all), limits);
    } catch (e) {
      zip.close();
      throw e instanceof CoreError ? e : damagedZip(kindOf(limits));
    }
  }

  has(name: string): boolean {
    return this.entries.has(normalise(name));
  }

  /** Inflates one entry, counting every byte against the archive's budget. */
  async read(name: string): Promise<Buffer> {
    const entry = this.entries.get(normalise(name));
    const kind = kindOf(this.limits);
    if (!entry) throw damagedZip(kind);
    const stream = await this.zip.openReadStreamPromise(entry).catch(() => {
      throw damagedZip(kind);
    });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.spent += chunk.length;
        if (this.spent > this.limits.maxUncompressedBytes) throw inflatesTooFar(this.limits);
        chunks.push(chunk);
      }
    } catch (e) {
      stream.destroy();
      if (e instanceof CoreError) throw e;
      // yauzl's own size check ("too many bytes in the stream") means the headers lied about this entry.
      throw /too many bytes/.test(String(e)) ? lyingSizes(kind) : damagedZip(kind);
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

const normalise = (name: string) => name.replace(/^\/+/, '').toLowerCase();

function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** The first of duplicate names wins, as in Word; directory entries carry no data. */
function byName(entries: yauzl.Entry[]): Map<string, yauzl.Entry> {
  const map = new Map<string, yauzl.Entry>();
  for (const entry of entries) {
    const key = normalise(entry.fileName);
    if (!map.has(key) && !key.endsWith('/')) map.set(key, entry);
  }
  return map;
}
