import type { DocumentFormat } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { decodeText } from './text-decoding.js';
import { readZipDirectory, type ZipDirectory } from './zip-directory.js';
import {
  DEFAULT_ZIP_LIMITS,
  POWERPOINT_PRESENTATION,
  assertDeclaredSizes,
  assertEntryCount,
  zipLimitsFor,
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
  | 'pptx'
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
  pptx: 'a PowerPoint (.pptx) presentation',
  zip: 'a ZIP archive that is not a Word document or PowerPoint presentation',
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

const EXTENSIONS: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  txt: 'txt',
  md: 'markdown',
  markdown: 'markdown',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
};
const EXPECTED: Record<DocumentFormat, string> = {
  pdf: 'a PDF',
  docx: 'a Word (.docx) document',
  pptx: 'a PowerPoint (.pptx) presentation',
  txt: 'plain text',
  markdown: 'Markdown (plain text)',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
};
/** Formats whose bytes must be exactly their own signature; the rest are text. */
const SIGNED: ReadonlySet<DocumentFormat> = new Set(['pdf', 'docx', 'pptx', 'png', 'jpeg']);
/** The Office archives: their central directory is checked against the zip-bomb rules at upload. */
const ZIPPED: ReadonlySet<DocumentFormat> = new Set(['docx', 'pptx']);

/** Which Office document a ZIP is, from the names of its entries. */
export function officeKindOf(names: ReadonlySet<string>): 'docx' | 'pptx' | 'zip' {
  if (!names.has('[content_types].xml')) return 'zip';
  if (names.has('word/document.xml')) return 'docx';
  return names.has('ppt/presentation.xml') ? 'pptx' : 'zip';
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const starts = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** What the bytes are, by signature first and by text decoding last. */
export function sniffContent(bytes: Uint8Array): ContentKind {
  // Readers accept "%PDF-" anywhere in the first KB (some generators prepend junk); so do we.
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) || starts(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return officeKindOf(new Set(readZipDirectory(bytes)?.entries.map((e) => e.name)));
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

const ACCEPTED =
  'Upload a PDF, a Word document (.docx), a PowerPoint presentation (.pptx), a text file (.txt), a Markdown file (.md) or a photo of a page (.png, .jpg).';

export function describeContent(kind: ContentKind): string {
  return DESCRIPTIONS[kind];
}

/** Throws CoreError('unsupported_media_type') unless `bytes` really are `format`. */
export function assertContentIs(bytes: Uint8Array, format: DocumentFormat, label = 'the document'): void {
  assertKindIs(sniffContent(bytes), format, label);
}

/** Throws CoreError('unsupported_media_type') unless content of this kind can be read as `format`. */
export function assertKindIs(kind: ContentKind, format: DocumentFormat, label: string): void {
  const ok = SIGNED.has(format) ? kind === format : kind === 'text';
  if (ok) return;
  const hint = kind === 'ole2' && ZIPPED.has(format) ? ` Save it as .${format} without a password and upload it again.` : '';
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
  const { format, extension } = formatFromName(bytes.byteLength, filename);
  assertContentIs(bytes, format, `the file is named .${extension}, so it`);
  if (ZIPPED.has(format)) {
    // The count is checked before the entries are listed, so 100,000 entries cost nothing to refuse.
    const directory = readZipDirectory(bytes, limits.maxEntries + 1)!;
    assertZipDirectory(directory, zipLimitsOf(format, limits));
  }
  return format;
}

/** The limits with the refusals naming the right kind of Office document. */
export const zipLimitsOf = (format: DocumentFormat, limits: ZipLimits): ZipLimits =>
  format === 'pptx' ? zipLimitsFor(limits, POWERPOINT_PRESENTATION) : limits;

export const isZippedFormat = (format: DocumentFormat): boolean => ZIPPED.has(format);

/** The zip-bomb rules on a DOCX's central directory, before anything is inflated. */
export function assertZipDirectory(directory: ZipDirectory, limits: ZipLimits): void {
  assertEntryCount(directory.entryCount, limits);
  assertDeclaredSizes(directory.entries, limits);
}

/** The format the file's name asks for; refuses empty files and names with no accepted extension. */
export function formatFromName(size: number, filename: string): { format: DocumentFormat; extension: string } {
  if (size === 0) throw new CoreError('unprocessable', 'The file is empty. Choose a file with some content.');
  const extension = extensionOf(filename);
  const format = EXTENSIONS[extension];
  if (!format) {
    const shown = extension && extension.length <= 10 ? `".${extension}" files` : 'Files without a known extension';
    const hint =
      extension === 'doc'
        ? ' Old Word (.doc) files must be saved as .docx first.'
        : extension === 'ppt'
          ? ' Old PowerPoint (.ppt) files must be saved as .pptx first.'
          : '';
    throw new CoreError('unsupported_media_type', `${shown} are not accepted.${hint} ${ACCEPTED}`);
  }
  return { format, extension };
}
