/**
 * Format detection for a staged upload (a temporary file), reading only what tells the type: the first 64 KB
 * for signatures, the end of a ZIP for its central directory, and one streamed pass for text. The verdicts are
 * those of detectDocumentFormat on the whole file; the difference is that 20 uploads of 20 MB at once do not
 * hold 400 MB in memory while they are checked.
 */
import type { DocumentFormat } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import type { StagedFile } from '../../core/index.js';
import {
  assertKindIs,
  assertZipDirectory,
  detectDocumentFormat,
  formatFromName,
  isZippedFormat,
  officeKindOf,
  sniffContent,
  zipLimitsOf,
  type ContentKind,
} from './detect-format.js';
import { countControlBytes, MAX_CONTROL_BYTE_SHARE } from './text-decoding.js';
import { readZipDirectory, zipDirectoryOffset, type ZipDirectory } from './zip-directory.js';
import type { ZipLimits } from './zip-limits.js';

/** Files up to this size are read whole and judged exactly as bytes in memory are. */
const READ_WHOLE_BYTES = 256 * 1024;
const HEAD_BYTES = 64 * 1024;
/** The end-of-directory record and the longest comment that may follow it. */
const END_RECORD_SEARCH = 22 + 0xffff;
/** Far above any real DOCX's directory (a few KB); a larger one is refused rather than read into memory. */
const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

async function readDirectory(file: StagedFile): Promise<ZipDirectory | null> {
  const tailStart = Math.max(0, file.size - END_RECORD_SEARCH);
  const start = zipDirectoryOffset(await file.read(tailStart, file.size - tailStart), tailStart);
  if (start === null) return null;
  if (file.size - start > MAX_DIRECTORY_BYTES) {
    throw new CoreError(
      'unprocessable',
      'This document lists far more parts than a document has, so it is refused before anything is unpacked.',
    );
  }
  return readZipDirectory(await file.read(start, file.size - start), 100_000, start);
}

/** The streamed equivalent of decodeText(...) !== null: UTF-16 needs its BOM and strict decoding, anything else few control bytes. */
async function isText(file: StagedFile, head: Uint8Array): Promise<boolean> {
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    const decoder = new TextDecoder(utf16, { fatal: true });
    try {
      for await (const chunk of file.chunks()) if (decoder.decode(chunk, { stream: true }).includes('\u0000')) return false;
      return !decoder.decode().includes('\u0000');
    } catch {
      return false;
    }
  }
  let control = 0;
  for await (const chunk of file.chunks()) {
    if (chunk.indexOf(0) !== -1) return false;
    control += countControlBytes(chunk);
  }
  return control <= file.size * MAX_CONTROL_BYTE_SHARE;
}

export async function detectStagedFormat(file: StagedFile, filename: string, limits: ZipLimits): Promise<DocumentFormat> {
  const { format, extension } = formatFromName(file.size, filename);
  if (file.size <= READ_WHOLE_BYTES) return detectDocumentFormat(await file.read(0, file.size), filename, limits);
  const head = await file.read(0, HEAD_BYTES);
  let kind: ContentKind = sniffContent(head);
  let directory: ZipDirectory | null = null;
  if (kind === 'zip' || kind === 'docx' || kind === 'pptx') {
    directory = await readDirectory(file);
    kind = officeKindOf(new Set(directory?.entries.map((e) => e.name)));
  } else if (kind === 'text' || kind === 'binary') {
    // The head alone could end mid-character or hide binary further on: the whole file decides.
    kind = (await isText(file, head)) ? 'text' : 'binary';
  }
  assertKindIs(kind, format, `the file is named .${extension}, so it`);
  if (isZippedFormat(format)) assertZipDirectory(directory!, zipLimitsOf(format, limits));
  return format;
}
