/**
 * Reads a ZIP's central directory synchronously and without inflating anything: entry names (to tell a DOCX
 * from any other ZIP) and declared sizes (for the zip-bomb checks at upload time). Inflating, with sizes
 * re-counted, is safe-zip.ts's job.
 */
export interface ZipDirectoryEntry {
  /** Lower-cased, without a leading slash: OPC part names are case-insensitive. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

export interface ZipDirectory {
  /** As declared by the end record, known before any entry is read. */
  entryCount: number;
  /** At most the `limit` passed to readZipDirectory. */
  entries: ZipDirectoryEntry[];
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;

function findDirectory(view: DataView): { offset: number; entries: number } | null {
  const length = view.byteLength;
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KB.
  for (let at = length - 22; at >= Math.max(0, length - 22 - MAX_COMMENT); at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    let entries = view.getUint16(at + 10, true);
    let offset = view.getUint32(at + 16, true);
    if ((entries === 0xffff || offset === U32_MAX) && at >= 20 && view.getUint32(at - 20, true) === ZIP64_LOCATOR) {
      const record = Number(view.getBigUint64(at - 12, true));
      if (record + 56 > length || view.getUint32(record, true) !== ZIP64_EOCD) return null;
      entries = Number(view.getBigUint64(record + 32, true));
      offset = Number(view.getBigUint64(record + 48, true));
    }
    return offset < length ? { offset, entries } : null;
  }
  return null;
}

/** Sizes of 0xFFFFFFFF mean "see the ZIP64 extra field", which lists only the sizes that overflowed. */
function zip64Sizes(view: DataView, extraAt: number, extraEnd: number, sizes: { compressed: number; uncompressed: number }) {
  for (let at = extraAt; at + 4 <= extraEnd; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      if (sizes.uncompressed === U32_MAX && field + 8 <= extraEnd) {
        sizes.uncompressed = Number(view.getBigUint64(field, true));
        field += 8;
      }
      if (sizes.compressed === U32_MAX && field + 8 <= extraEnd) sizes.compressed = Number(view.getBigUint64(field, true));
      return;
    }
    at += 4 + size;
  }
}

/** The central directory, or null when the bytes have none that can be read. */
export function readZipDirectory(bytes: Uint8Array, limit = 100_000): ZipDirectory | null {
  if (bytes.byteLength < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = findDirectory(view);
  if (!directory) return null;
  const entries: ZipDirectoryEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = directory.offset;
  for (let i = 0; i < Math.min(directory.entries, limit); i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.byteLength) return null;
    const sizes = { compressed: view.getUint32(at + 20, true), uncompressed: view.getUint32(at + 24, true) };
    if (sizes.compressed === U32_MAX || sizes.uncompressed === U32_MAX) zip64Sizes(view, nameEnd, nameEnd + extraLength, sizes);
    entries.push({
      name: decoder
        .decode(bytes.subarray(at + 46, nameEnd))
        .replace(/^\/+/, '')
        .toLowerCase(),
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
    });
    at = nameEnd + extraLength + commentLength;
  }
  return { entryCount: directory.entries, entries };
}
