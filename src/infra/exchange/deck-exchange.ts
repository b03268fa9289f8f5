/**
 * The DeckExchange port: Anki packages, CSV and OpenDeck JSON, out and in. The format of an upload is judged
 * from its first bytes together with its extension; the client's content type is never asked.
 */
import {
  CoreError,
  type DeckExchange,
  type DeckExchangeLimits,
  type DeckToExport,
  type ExportFormat,
  type ParsedImport,
} from '../../core/index.js';

/*
 * The formats (sql.js, fflate, fzstd, csv-parse) load on the first export or import, not at start: most
 * requests never exchange a deck, and a Lambda's cold start pays for every module it loads.
 */
async function* produce(format: ExportFormat, decks: DeckToExport[], now: Date): AsyncGenerator<Uint8Array> {
  if (format === 'apkg') yield* (await import('./apkg-writer.js')).writeApkg(decks, now);
  else if (format === 'csv') yield* (await import('./csv-writer.js')).writeCsv(decks);
  else yield* (await import('./json-writer.js')).writeJson(decks, now);
}

export const DEFAULT_EXCHANGE_LIMITS: DeckExchangeLimits = { maxImportBytes: 50 * 1024 * 1024, maxImportNotes: 50_000 };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  apkg: 'application/apkg',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * A file name for the download: the deck title without characters that file systems or headers refuse
 * (letters of any script stay; Content-Disposition carries them with an ASCII fallback).
 */
export function exportFilename(title: string, format: ExportFormat): string {
  // eslint-disable-next-line no-control-regex
  const base = title
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|;%]+/g, ' ')
    .replace(/(^|\s)\.+(?=\s|$)/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'deck'}.${format}`;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

function firstNonSpace(bytes: Uint8Array): string {
  for (let i = 0; i < Math.min(bytes.length, 64); i++) {
    const ch = bytes[i]!;
    if (ch === 0xef || ch === 0xbb || ch === 0xbf || ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) continue;
    return String.fromCharCode(ch);
  }
  return '';
}

const unsupported = () =>
  new CoreError(
    'unsupported_media_type',
    'Import an Anki package (.apkg or .colpkg), a CSV or tab-separated file (.csv, .tsv, .txt) or an OpenDeck JSON export (.json).',
  );

export function createDeckExchange(limits: Partial<DeckExchangeLimits> = {}): DeckExchange {
  const settings = { ...DEFAULT_EXCHANGE_LIMITS, ...limits };
  return {
    limits: settings,
    write(format, decks, now) {
      const title = decks.length === 1 ? decks[0]!.deck.title : 'opendeck-decks';
      return { filename: exportFilename(title, format), content_type: CONTENT_TYPES[format], body: produce(format, decks, now) };
    },
    async read({ filename, bytes }): Promise<ParsedImport> {
      const ext = extensionOf(filename);
      if (startsWith(bytes, ZIP_MAGIC)) {
        if (ext && !['apkg', 'colpkg', 'zip'].includes(ext)) throw unsupported();
        return (await import('./apkg-reader.js')).readApkg(bytes, ext === 'colpkg' ? 'colpkg' : 'apkg', settings.maxImportNotes);
      }
      if (ext === 'apkg' || ext === 'colpkg') {
        throw new CoreError(
          'unprocessable',
          `${filename} is not a zip archive, so it is not an Anki package. Export the deck again from Anki and upload that file.`,
        );
      }
      const first = firstNonSpace(bytes);
      if (ext === 'json' || ((first === '{' || first === '[') && !['csv', 'tsv', 'txt'].includes(ext)))
        return (await import('./json-reader.js')).readJson(bytes, settings.maxImportNotes);
      if (['csv', 'tsv', 'txt', ''].includes(ext)) return (await import('./csv-reader.js')).readCsv(bytes, settings.maxImportNotes);
      throw unsupported();
    },
  };
}
