/**
 * Reads notes out of an Anki collection database, either layout: schema 11 (note types and decks as JSON in
 * the `col` row: collection.anki2 / .anki21) or schema 18 (`notetypes`, `fields`, `decks` tables: the
 * zstd-compressed collection.anki21b of current Anki). The database is a copy in WebAssembly memory, set to
 * query_only, so nothing in the file can write anywhere.
 */
import type { Database } from 'sql.js';
import { CoreError, type IncomingNote, type UnreadableNote } from '../../core/index.js';
import { fieldHtmlToText } from './anki-html.js';
import { notAPackage } from './package-zip.js';

interface NoteType {
  name: string;
  cloze: boolean;
  fields: string[];
}

const rows = (db: Database, sql: string): unknown[][] => db.exec(sql)[0]?.values ?? [];
/**
 * Only ordinary tables count: a hostile file could name a view (an endless recursive query: sql.js runs on the
 * event loop) or a virtual table "notes".
 */
const hasTable = (db: Database, name: string): boolean =>
  rows(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${name}' AND sql NOT LIKE 'CREATE VIRTUAL%'`).length > 0;

// biome-ignore lint/suspicious/noExplicitAny: Anki's col JSON is checked field by field where it is read
function parseJson(text: unknown, what: string): Record<string, any> {
  try {
    const value = JSON.parse(String(text));
    if (value && typeof value === 'object') return value;
  } catch {
    /* reported below */
  }
  throw notAPackage(`its ${what} are not readable`);
}

function noteTypes(db: Database): Map<number, NoteType> {
  const types = new Map<number, NoteType>();
  if (hasTable(db, 'notetypes') && hasTable(db, 'fields')) {
    // Schema 18 keeps the kind (normal or cloze) in a protobuf blob; the name "Cloze" and {{c1::}} are the cheap tell.
    for (const [id, name] of rows(db, 'SELECT id, name FROM notetypes'))
      types.set(Number(id), { name: String(name), cloze: /cloze/i.test(String(name)), fields: [] });
    for (const [ntid, name] of rows(db, 'SELECT ntid, name FROM fields ORDER BY ntid, ord'))
      types.get(Number(ntid))?.fields.push(String(name));
    return types;
  }
  const [models] = rows(db, 'SELECT models FROM col LIMIT 1');
  for (const model of Object.values(parseJson(models?.[0], 'note types'))) {
    const fields = Array.isArray(model?.flds) ? [...model.flds].sort((a, b) => a.ord - b.ord).map((f) => String(f.name)) : [];
    types.set(Number(model?.id), { name: String(model?.name ?? ''), cloze: model?.type === 1, fields });
  }
  return types;
}

function deckNames(db: Database): Map<number, string> {
  const names = new Map<number, string>();
  if (hasTable(db, 'decks')) {
    // Schema 18 separates deck levels with \x1f where schema 11 wrote '::'.
    for (const [id, name] of rows(db, 'SELECT id, name FROM decks')) names.set(Number(id), String(name).replace(/\x1f/g, '::'));
    return names;
  }
  const [decks] = rows(db, 'SELECT decks FROM col LIMIT 1');
  for (const deck of Object.values(parseJson(decks?.[0], 'decks'))) names.set(Number(deck?.id), String(deck?.name ?? ''));
  return names;
}

/** The deck most of the notes' cards are in (a package usually holds one deck and its parents). */
function mainDeck(db: Database, names: Map<number, string>): string | null {
  const [top] = rows(db, 'SELECT did, count(*) AS n FROM cards GROUP BY did ORDER BY n DESC LIMIT 1');
  return top ? (names.get(Number(top[0])) ?? null) : null;
}

const byName = (type: NoteType, values: string[]) => (name: string) => {
  const i = type.fields.findIndex((f) => f.toLowerCase() === name.toLowerCase());
  return i >= 0 ? fieldHtmlToText(values[i] ?? '') : '';
};

function toNote(row: number, guid: string, mod: number, type: NoteType, values: string[]): IncomingNote | UnreadableNote {
  if (type.cloze)
    return { row, guid, reason: `cloze notes ("${type.name}") have no separate question and answer, so they are not imported` };
  const field = byName(type, values);
  // The OpenDeck note type by its field names; any other type: first field the question, second the answer.
  const ours = type.fields.includes('Question') && type.fields.includes('Answer');
  const page = ours ? Number.parseInt(field('Page'), 10) : NaN;
  return {
    row,
    guid,
    modified: Number.isFinite(mod) && mod > 0 ? new Date(mod * 1000) : null,
    question: ours ? field('Question') : fieldHtmlToText(values[0] ?? ''),
    answer: ours ? field('Answer') : fieldHtmlToText(values[1] ?? ''),
    source: ours ? field('Source') || null : null,
    source_url: ours ? field('SourceURL') || null : null,
    page: Number.isFinite(page) ? page : null,
    section: ours ? field('Section') || null : null,
    quote: ours ? field('Quote') || null : null,
    document_name: null,
  };
}

export interface CollectionNotes {
  deckTitle: string | null;
  notes: IncomingNote[];
  unreadable: UnreadableNote[];
}

export function readCollection(db: Database, maxNotes: number): CollectionNotes {
  db.exec('PRAGMA query_only = ON');
  if (!hasTable(db, 'notes') || !hasTable(db, 'cards') || !hasTable(db, 'col')) throw notAPackage('its database is not an Anki collection');
  const [[count]] = rows(db, 'SELECT count(*) FROM notes') as [[number]];
  if (count > maxNotes)
    throw new CoreError('payload_too_large', `This package holds ${count} notes; one import may carry at most ${maxNotes}.`);
  const types = noteTypes(db);
  const notes: IncomingNote[] = [];
  const unreadable: UnreadableNote[] = [];
  const statement = db.prepare('SELECT guid, mid, mod, flds FROM notes ORDER BY id');
  try {
    for (let row = 1; statement.step(); row++) {
      const [guid, mid, mod, flds] = statement.get();
      const type = types.get(Number(mid));
      const values = String(flds ?? '').split('\x1f');
      const result = type
        ? toNote(row, String(guid), Number(mod), type, values)
        : { row, guid: String(guid), reason: 'its note type is missing from the package' };
      if ('reason' in result) unreadable.push(result);
      else notes.push(result);
    }
  } finally {
    statement.free();
  }
  return { deckTitle: mainDeck(db, deckNames(db)), notes, unreadable };
}
