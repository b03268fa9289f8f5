import type { ExtractedDocument, ExtractOptions } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { materialisePageBreaks, stylesWithPageBreak } from './docx-page-breaks.js';
import { DocxWalker, type MammothNode } from './docx-walker.js';
import { SafeZip } from './safe-zip.js';
import type { ZipLimits } from './zip-limits.js';
import { finishDocument } from './segments.js';

/**
 * mammoth reads the archive through this object instead of opening the bytes itself (its `{ file }` input,
 * which its public typings omit). That way mammoth never inflates anything: every part comes from SafeZip,
 * already checked against the zip-bomb limits, and word/document.xml arrives with its page breaks made explicit.
 */
interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
  write(name: string, contents: string): void;
  toArrayBuffer(): Promise<ArrayBuffer>;
}

const MAIN_DOCUMENT = 'word/document.xml';

async function readUtf8(zip: SafeZip, name: string): Promise<string | null> {
  return zip.has(name) ? (await zip.read(name)).toString('utf8') : null;
}

function zipForMammoth(zip: SafeZip, documentXml: string): MammothZipFile {
  return {
    exists: (name) => zip.has(name),
    read: async (name, encoding) => {
      const bytes = name.toLowerCase() === MAIN_DOCUMENT ? Buffer.from(documentXml, 'utf8') : await zip.read(name);
      if (!encoding) return new Uint8Array(bytes);
      return encoding === 'base64' ? bytes.toString('base64') : new TextDecoder(encoding).decode(bytes);
    },
    write: () => {
      throw new Error('read-only');
    },
    toArrayBuffer: () => Promise.reject(new Error('read-only')),
  };
}

const coreTitle = (coreXml: string | null) =>
  /<dc:title>([^<]*)<\/dc:title>/
    .exec(coreXml ?? '')?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>') ?? null;

export async function extractDocx(bytes: Uint8Array, limits: ZipLimits, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  options.signal?.throwIfAborted();
  const zip = await SafeZip.open(bytes, limits);
  try {
    const rawDocument = await readUtf8(zip, MAIN_DOCUMENT);
    if (rawDocument === null) throw new CoreError('unprocessable', 'This file is not a Word document: it has no main document part.');
    const documentXml = materialisePageBreaks(rawDocument, stylesWithPageBreak(await readUtf8(zip, 'word/styles.xml')));
    const walker = new DocxWalker();
    // Loaded on the first Word document, not at start: the API process (and its Lambda cold start) never needs it.
    const { default: mammoth } = await import('mammoth');
    await mammoth
      .convertToHtml({ file: zipForMammoth(zip, documentXml) } as unknown as { buffer: Buffer }, {
        // We take the document tree and hand mammoth back an empty one: no HTML is needed, and none is built.
        transformDocument: (document: MammothNode) => {
          walker.walk(document);
          return { ...document, children: [] };
        },
      })
      .catch((e: unknown) => {
        throw e instanceof CoreError
          ? e
          : new CoreError(
              'unprocessable',
              'This Word document is damaged and cannot be read. Open it in Word, save it again and upload the new copy.',
            );
      });
    options.signal?.throwIfAborted();
    const result = walker.result();
    if (result.segments.length === 0) throw new CoreError('unprocessable', 'This Word document has no text to make cards from.');
    options.onProgress?.(1, 1);
    // An empty <dc:title/> is common (templates), so '' falls through to the first heading too.
    const title = result.title || coreTitle(await readUtf8(zip, 'docProps/core.xml'))?.trim() || result.firstHeading;
    return finishDocument('docx', result.pageCount, result.segments, title);
  } finally {
    zip.close();
  }
}
