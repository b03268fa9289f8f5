/**
 * CSV/TSV in: Anki's text exports (with their file headers), our own CSV export, and plain files of
 * question,answer[,source,...] with or without a header row. Columns that are not the GUID, tags, deck or
 * note type map to the note type's fields in order: Question, Answer, Source, Page, Section, Quote, SourceURL.
 */
import { parse } from 'csv-parse/sync';
import { CoreError, type IncomingNote, type ParsedImport } from '../../core/index.js';
import { fieldHtmlToText } from './anki-html.js';
import { FIELD_NAMES, type FieldName } from './anki-note-type.js';
import { splitDeckName } from './apkg-reader.js';
import { guessSeparator, readCsvHeaders } from './csv-headers.js';

const notText = () =>
  new CoreError(
    'unprocessable',
    'This file is not UTF-8 text, so it cannot be read as CSV. Save it as "CSV UTF-8" (or tab-separated text) and upload it again.',
  );

/** A first row naming the columns (like `opendeck generate --out cards.csv` writes): question, answer, ... */
const NAMED_COLUMNS: Record<string, FieldName | 'guid' | 'tags' | 'deck'> = {
  question: 'Question',
  front: 'Question',
  answer: 'Answer',
  back: 'Answer',
  source: 'Source',
  page: 'Page',
  section: 'Section',
  quote: 'Quote',
  sourceurl: 'SourceURL',
  source_url: 'SourceURL',
  guid: 'guid',
  tags: 'tags',
  deck: 'deck',
};

type Role = FieldName | 'guid' | 'tags' | 'deck' | 'ignored';

function rolesFromNames(names: string[]): Role[] | null {
  const roles = names.map((n) => NAMED_COLUMNS[n.trim().toLowerCase()] ?? 'ignored');
  return roles.includes('Question') && roles.includes('Answer') ? roles : null;
}

function rolesByPosition(width: number, special: Map<number, Role>): Role[] {
  const roles: Role[] = [];
  let field = 0;
  for (let i = 0; i < width; i++) roles.push(special.get(i) ?? FIELD_NAMES[field++] ?? 'ignored');
  return roles;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw notText();
  }
}

export function readCsv(bytes: Uint8Array, maxNotes: number): ParsedImport {
  const text = decode(bytes);
  if (text.includes('\u0000')) throw notText();
  const { headers, body } = readCsvHeaders(text);
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: headers.separator ?? guessSeparator(body),
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to: maxNotes + 2,
    });
  } catch (error) {
    throw new CoreError(
      'unprocessable',
      `This CSV file cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : 'it is malformed'}.`,
    );
  }
  if (records.length > maxNotes + 1)
    throw new CoreError('payload_too_large', `This file holds more than ${maxNotes} rows; one import may carry at most ${maxNotes}.`);

  let roles = headers.columns ? rolesFromNames(headers.columns) : null;
  if (!roles && records[0] && !headers.guidColumn) {
    roles = rolesFromNames(records[0]);
    if (roles) records = records.slice(1);
  }
  const width = Math.max(0, ...records.map((r) => r.length));
  if (!roles) {
    const special = new Map<number, Role>();
    for (const [col, role] of [
      [headers.guidColumn, 'guid'],
      [headers.tagsColumn, 'tags'],
      [headers.deckColumn, 'deck'],
      [headers.notetypeColumn, 'ignored'],
    ] as const) {
      if (col) special.set(col - 1, role);
    }
    roles = rolesByPosition(width, special);
  }
  const asText = (value: string | undefined) => (headers.html ? fieldHtmlToText(value ?? '') : (value ?? '').trim());

  const notes: IncomingNote[] = records.map((record, i) => {
    const get = (role: Role) => {
      const at = roles!.indexOf(role);
      return at >= 0 ? record[at] : undefined;
    };
    const page = Number.parseInt(asText(get('Page')), 10);
    return {
      row: i + 1,
      guid: get('guid')?.trim() || null,
      modified: null,
      question: asText(get('Question')),
      answer: asText(get('Answer')),
      source: asText(get('Source')) || null,
      source_url: asText(get('SourceURL')) || null,
      page: Number.isFinite(page) ? page : null,
      section: asText(get('Section')) || null,
      quote: asText(get('Quote')) || null,
      document_name: null,
    };
  });
  const deckName = headers.deck ?? (roles.includes('deck') ? (records[0]?.[roles.indexOf('deck')] ?? null) : null);
  const { title, category } = splitDeckName(deckName);
  return { format: 'csv', deck_title: title, deck_category: category, notes, unreadable: [], media_ignored: 0 };
}
