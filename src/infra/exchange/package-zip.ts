/**
 * The zip side of reading an Anki package, on the same bomb-proof reader as DOCX uploads (declared sizes and
 * entry count checked before anything is inflated, real bytes counted while inflating), with the problems
 * reworded for a deck package. Zstandard (collection.anki21b) is inflated in a stream with the same budget.
 */
import { Decompress } from 'fzstd';
import { CoreError } from '../../core/index.js';
import { SafeZip } from '../extract/safe-zip.js';
import type { ZipLimits } from '../extract/zip-limits.js';

export const PACKAGE_ZIP_LIMITS: ZipLimits = {
  // Media files count as entries; a big shared deck has thousands.
  maxEntries: 50_000,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
};

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

export const notAPackage = (why: string) =>
  new CoreError(
    'unprocessable',
    `This file is not an Anki package that can be read: ${why}. Export the deck again from Anki (File > Export, "Anki Deck Package") and upload that file.`,
  );

/** SafeZip speaks of Word documents; the same problems, said about a deck package. */
function reworded(error: unknown): unknown {
  if (!(error instanceof CoreError)) return error;
  if (error.code === 'payload_too_large') {
    return new CoreError(
      'payload_too_large',
      `This Anki package would expand to more than ${mb(PACKAGE_ZIP_LIMITS.maxUncompressedBytes)} or holds more than ${PACKAGE_ZIP_LIMITS.maxEntries} files, so it was refused.`,
    );
  }
  if (/encrypted/.test(error.message)) return notAPackage('it is encrypted');
  if (/expands|bigger than its own index/.test(error.message)) {
    return new CoreError(
      'unprocessable',
      'This Anki package was refused because its contents expand far more than real decks do, or are bigger than its own index says (a "zip bomb" or a damaged file).',
    );
  }
  return notAPackage('the zip archive is damaged or truncated');
}

export async function openPackage(bytes: Uint8Array): Promise<SafeZip> {
  try {
    return await SafeZip.open(bytes, PACKAGE_ZIP_LIMITS);
  } catch (error) {
    throw reworded(error);
  }
}

export async function readEntry(zip: SafeZip, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await zip.read(name));
  } catch (error) {
    throw reworded(error);
  }
}

/** Inflates a Zstandard frame, refusing it once it passes `limit` bytes (a declared size is never trusted). */
export function zstdDecompress(data: Uint8Array, limit = PACKAGE_ZIP_LIMITS.maxUncompressedBytes): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooBig = new CoreError(
    'payload_too_large',
    `This Anki package's collection would expand to more than ${mb(limit)}, so it was refused.`,
  );
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > limit) throw tooBig;
    chunks.push(chunk);
  });
  try {
    for (let offset = 0; offset < data.length; offset += 65536) {
      stream.push(data.subarray(offset, Math.min(offset + 65536, data.length)), offset + 65536 >= data.length);
    }
  } catch (error) {
    if (error === tooBig) throw tooBig;
    throw notAPackage('its compressed collection (collection.anki21b) is damaged');
  }
  if (total === 0) throw notAPackage('its compressed collection (collection.anki21b) is empty or truncated');
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
