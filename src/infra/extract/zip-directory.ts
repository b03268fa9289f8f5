/**
 * Reads the names in a ZIP's central directory, synchronously and without inflating anything, so format
 * detection can tell a DOCX from any other ZIP. (The zip-bomb checks and the inflating live in safe-zip.ts.)
 */
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const MAX_COMMENT = 0xffff;

interface Directory {
  offset: number;
  entries: number;
}

function findDirectory(view: DataView): Directory | null {
  const length = view.byteLength;
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KB.
  for (let at = length - 22; at >= Math.max(0, length - 22 - MAX_COMMENT); at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    let entries = view.getUint16(at + 10, true);
    let offset = view.getUint32(at + 16, true);
    if ((entries === 0xffff || offset === 0xffffffff) && at >= 20 && view.getUint32(at - 20, true) === ZIP64_LOCATOR) {
      const record = Number(view.getBigUint64(at - 12, true));
      if (record + 56 > length || view.getUint32(record, true) !== ZIP64_EOCD) return null;
      entries = Number(view.getBigUint64(record + 32, true));
      offset = Number(view.getBigUint64(record + 48, true));
    }
    return offset < length ? { offset, entries } : null;
  }
  return null;
}

/**
 * Lower-cased entry names (OPC part names are case-insensitive), at most `limit` of them;
 * null when the bytes have no readable central directory.
 */
export function readZipEntryNames(bytes: Uint8Array, limit = 100_000): string[] | null {
  if (bytes.byteLength < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = findDirectory(view);
  if (!directory) return null;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = directory.offset;
  for (let i = 0; i < Math.min(directory.entries, limit); i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.byteLength) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\/+/, '').toLowerCase());
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
