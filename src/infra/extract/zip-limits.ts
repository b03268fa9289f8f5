import { CoreError } from '../../core/index.js';

/**
 * The zip-bomb rules, checked against what a DOCX's central directory declares: at upload (detect-format.ts,
 * synchronously, before the file is stored) and again before inflating (safe-zip.ts, which then also
 * re-counts the bytes, because declared sizes can lie).
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
  /** What the archive is, as refusals name it; absent: a Word document. */
  kind?: ZipDocumentKind;
}

/** The Office format a refusal talks about: "This PowerPoint presentation ...", "Remove the password in PowerPoint". */
export interface ZipDocumentKind {
  name: string;
  app: string;
}

export const WORD_DOCUMENT: ZipDocumentKind = { name: 'Word document', app: 'Word' };
export const POWERPOINT_PRESENTATION: ZipDocumentKind = { name: 'PowerPoint presentation', app: 'PowerPoint' };

/** The same limits, for another kind of Office archive. */
export const zipLimitsFor = (limits: ZipLimits, kind: ZipDocumentKind): ZipLimits => ({ ...limits, kind });

export const kindOf = (limits: ZipLimits): ZipDocumentKind => limits.kind ?? WORD_DOCUMENT;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
};

/** The DOCX limits as the extractor's and detector's constructors take them. */
export interface DocxLimitOptions {
  /** DOCX: most bytes all parts together may inflate to. Default 200 MB. */
  maxDocxUncompressedBytes?: number;
  /** DOCX: most entries in the archive. Default 2000. */
  maxDocxEntries?: number;
  /** DOCX: largest compression ratio of a part bigger than 1 MB. Default 100. */
  maxDocxCompressionRatio?: number;
}

export const zipLimitsFrom = (options: DocxLimitOptions = {}): ZipLimits => ({
  maxUncompressedBytes: options.maxDocxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
  maxEntries: options.maxDocxEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
  maxCompressionRatio: options.maxDocxCompressionRatio ?? DEFAULT_ZIP_LIMITS.maxCompressionRatio,
  ratioCheckMinBytes: DEFAULT_ZIP_LIMITS.ratioCheckMinBytes,
});

export interface DeclaredEntry {
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export const inflatesTooFar = (limits: ZipLimits) =>
  new CoreError(
    'payload_too_large',
    `This ${kindOf(limits).name} would expand to more than ${megabytes(limits.maxUncompressedBytes)} when opened, so it was refused. Remove large embedded files or split the document.`,
  );

export function assertEntryCount(count: number, limits: ZipLimits): void {
  if (count <= limits.maxEntries) return;
  throw new CoreError(
    'payload_too_large',
    `This ${kindOf(limits).name} contains ${count} internal files (at most ${limits.maxEntries} are allowed), so it was refused. It may be damaged or built to overload the server.`,
  );
}

export function assertDeclaredSizes(entries: Iterable<DeclaredEntry>, limits: ZipLimits): void {
  let declared = 0;
  for (const entry of entries) {
    if (entry.encrypted) {
      throw new CoreError(
        'unprocessable',
        `This ${kindOf(limits).name} is encrypted. Remove the password in ${kindOf(limits).app} and upload it again.`,
      );
    }
    declared += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      throw new CoreError(
        'unprocessable',
        `This ${kindOf(limits).name} was refused because one of its parts expands ${Math.round(ratio)} times when opened, which only happens in files built to overload a server (a "zip bomb").`,
      );
    }
  }
  if (declared > limits.maxUncompressedBytes) throw inflatesTooFar(limits);
}
