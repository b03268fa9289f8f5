/**
 * Turns the bytes of a .txt/.md file into a string, or says why they are not text.
 *
 * Accepted: UTF-8 (with or without BOM); UTF-16 LE/BE only with a BOM (Windows Notepad's "Unicode": without a
 * BOM, UTF-16 cannot be told from binary); anything else with no NUL bytes and few control bytes is read as
 * Windows-1252, a superset of Latin-1, because old course notes are often saved that way and reading them
 * leniently is better than refusing a file a student can open in any editor.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Bytes 0x01-0x08, 0x0E-0x1A, 0x1C-0x1F and 0x7F do not occur in text files; a few may, binary has many.
export const MAX_CONTROL_BYTE_SHARE = 0.01;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

function decodeStrict(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Bytes that are control characters no text file needs (tab, line ends, form feed and escape are fine). */
export function countControlBytes(bytes: Uint8Array): number {
  let control = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
  return control;
}

function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) !== -1) return true;
  return countControlBytes(bytes) > bytes.length * MAX_CONTROL_BYTE_SHARE;
}

/** Returns null when the bytes are not text in any encoding we accept. BOMs are removed from the result. */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = decodeStrict(bytes, encoding);
    return text === null || text.includes('\u0000') ? null : { text, encoding };
  }
  if (looksBinary(bytes)) return null;
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}
