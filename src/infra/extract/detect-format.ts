import type { DocumentFormat, FormatDetector } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { decodeText } from './text-decoding.js';
import { readZipDirectory } from './zip-directory.js';
import {
  DEFAULT_ZIP_LIMITS,
  assertDeclaredSizes,
  assertEntryCount,
  zipLimitsFrom,
  type DocxLimitOptions,
  type ZipLimits,
} from './zip-limits.js';

/**
 * File-type detection from the bytes and the name together. The client's Content-Type is never consulted:
 * anyone can send any header. Both must agree, so a renamed executable or image is refused with a sentence
 * that says what was expected and what was found.
 */
export type ContentKind =
  | 'pdf'
  | 'docx'
  | 'zip'
  | 'ole2'
  | 'rtf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'gzip'
  | 'executable'
  | 'text'
  | 'binary';

const DESCRIPTIONS: Record<ContentKind, string> = {
  pdf: 'a PDF',
  docx: 'a Word (.docx) document',
  zip: 'a ZIP archive that is not a Word document',
  ole2: 'an old-style Office file (.doc, .xls, .ppt) or a password-protected Word document',
  rtf: 'an RTF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  gzip: 'a gzip archive',
  executable: 'a program',
  text: 'plain text',
  binary: 'binary data of an unknown type',
};

const EXTENSIONS: Record<string, DocumentFormat> = { pdf: 'pdf', docx: 'docx', txt: 'txt', md: 'markdown', markdown: 'markdown' };
const EXPECTED: Record<DocumentFormat, string> = {
  pdf: 'a PDF',
  docx: 'a Word (.docx) document',
  txt: 'plain text',
  markdown: 'Markdown (plain text)',
};

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const starts = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** What the bytes are, by signature first and by text decoding last. */
export function sniffContent(bytes: Uint8Array): ContentKind {
  // Readers accept "%PDF-" anywhere in the first KB (some generators prepend junk); so do we.
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) || starts(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = new Set(readZipDirectory(bytes)?.entries.map((e) => e.name));
    return names.has('word/document.xml') && names.has('[content_types].xml') ? 'docx' : 'zip';
  }
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (starts(bytes, [0x1f, 0x8b])) return 'gzip';
  if (ascii(bytes, 0, 4) === '\x7fELF' || (ascii(bytes, 0, 2) === 'MZ' && bytes.indexOf(0) !== -1)) return 'executable';
  if (ascii(bytes, 0, 5) === '{\\rtf') return 'rtf';
  return decodeText(bytes) ? 'text' : 'binary';
}

/** The part after the last dot, lower-cased; '' when there is none. */
function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const ACCEPTED = 'Upload a PDF, a Word document (.docx), a text file (.txt) or a Markdown file (.md).';

export function describeContent(kind: ContentKind): string {
  return DESCRIPTIONS[kind];
}

/** Throws CoreError('unsupported_media_type') unless `bytes` really are `format`. */
export function assertContentIs(bytes: Uint8Array, format: DocumentFormat, label = 'the document'): void {
  const kind = sniffContent(bytes);
  const ok = format === 'pdf' || format === 'docx' ? kind === format : kind === 'text';
  if (ok) return;
  const hint = kind === 'ole2' && format === 'docx' ? ' Save it as .docx without a password and upload it again.' : '';
  throw new CoreError(
    'unsupported_media_type',
    `${label[0]!.toUpperCase()}${label.slice(1)} should contain ${EXPECTED[format]}, but it contains ${DESCRIPTIONS[kind]}.${hint || ` ${ACCEPTED}`}`,
  );
}

/**
 * The document format of an upload, from its content and its file name together.
 * Throws CoreError('unsupported_media_type') with a human sentence when either is wrong or they disagree,
 * CoreError('unprocessable') for an empty file, and for a DOCX whose central directory breaks the zip-bomb
 * rules, CoreError('payload_too_large' or 'unprocessable') before anything is inflated or stored.
 */
export function detectDocumentFormat(bytes: Uint8Array, filename: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): DocumentFormat {
  if (bytes.byteLength === 0) throw new CoreError('unprocessable', 'The file is empty. Choose a file with some content.');
  const extension = extensionOf(filename);
  const format = EXTENSIONS[extension];
  if (!format) {
    const shown = extension && extension.length <= 10 ? `".${extension}" files` : 'Files without a known extension';
    const hint = extension === 'doc' ? ' Old Word (.doc) files must be saved as .docx first.' : '';
    throw new CoreError('unsupported_media_type', `${shown} are not accepted.${hint} ${ACCEPTED}`);
  }
  assertContentIs(bytes, format, `the file is named .${extension}, so it`);
  if (format === 'docx') {
    // The count is checked before the entries are listed, so 100,000 entries cost nothing to refuse.
    const directory = readZipDirectory(bytes, limits.maxEntries + 1)!;
    assertEntryCount(directory.entryCount, limits);
    assertDeclaredSizes(directory.entries, limits);
  }
  return format;
}

/** The FormatDetector port, with the same DOCX limits as the extractor that will read the file later. */
export class DocumentFormatDetector implements FormatDetector {
  private readonly limits: ZipLimits;

  constructor(options: DocxLimitOptions = {}) {
    this.limits = zipLimitsFrom(options);
  }

  detect(bytes: Uint8Array, filename: string): DocumentFormat {
    return detectDocumentFormat(bytes, filename, this.limits);
  }
}
