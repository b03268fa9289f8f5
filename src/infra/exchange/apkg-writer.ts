/**
 * Writes decks as an Anki package: the legacy collection.anki21 (schema 11), which Anki 2.1.x and current Anki
 * (2.1.50+, 23.x, 24.x, 25.x) all import, plus an empty `media` list, zipped. Cards are read page by page
 * straight into the SQLite database; the database is then deflated into the zip in chunks that are handed
 * on as they come, so a deck is held once (as SQLite) and never as a list of cards or a whole zip.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Database } from 'sql.js';
import type { DeckToExport } from '../../core/index.js';
import { fieldChecksum } from './anki-checksum.js';
import { DEFAULT_DECK_ID, SCHEMA_11_DDL, SCHEMA_11_VERSION, collectionConfJson, deckJson, deckOptionsJson } from './anki-collection.js';
import { stripHtmlKeepingMedia } from './anki-html.js';
import { FIELD_NAMES, NOTE_TYPE_ID, noteTypeJson } from './anki-note-type.js';
import { ankiDeckId, ankiDeckName, epochSeconds, noteFields, noteGuid, noteTags, tagsColumn } from './card-fields.js';
import { loadSqlJs } from './sql-js.js';

const FIELD_SEPARATOR = '\x1f';
const ZIP_CHUNK = 1024 * 1024;

/** Note and card ids are creation times in ms, as Anki makes them; equal times are nudged apart by 1 ms. */
function idAllocator() {
  const used = new Set<number>();
  return (createdAt: Date): number => {
    let id = createdAt.getTime();
    while (used.has(id)) id += 1;
    used.add(id);
    return id;
  };
}

async function fillCollection(db: Database, decks: DeckToExport[], now: Date): Promise<void> {
  db.exec(SCHEMA_11_DDL);
  const nowSeconds = epochSeconds(now);
  const nextId = idAllocator();
  const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
  const insertCard = db.prepare("INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
  const decksJson: Record<string, unknown> = { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', '', nowSeconds) };
  let position = 0;
  try {
    for (const { deck, cards } of decks) {
      const did = ankiDeckId(deck.id);
      decksJson[did] = deckJson(did, ankiDeckName(deck), deck.description ?? '', epochSeconds(deck.updated_at));
      for await (const page of cards()) {
        db.exec('BEGIN');
        for (const card of page) {
          const fields = noteFields(card);
          const flds = FIELD_NAMES.map((name) => fields[name]);
          const mod = epochSeconds(card.updated_at);
          const nid = nextId(card.created_at);
          position += 1;
          const sortField = stripHtmlKeepingMedia(flds[0]!);
          insertNote.run([
            nid,
            noteGuid(card),
            NOTE_TYPE_ID,
            mod,
            tagsColumn(noteTags(card, deck)),
            flds.join(FIELD_SEPARATOR),
            sortField,
            fieldChecksum(flds[0]!),
          ]);
          insertCard.run([nid, nid, did, mod, position]);
        }
        db.exec('COMMIT');
      }
    }
  } finally {
    insertNote.free();
    insertCard.free();
  }
  const firstDeck = decks[0] ? ankiDeckId(decks[0].deck.id) : DEFAULT_DECK_ID;
  db.run("INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, '{}')", [
    startOfDay(now),
    now.getTime(),
    now.getTime(),
    SCHEMA_11_VERSION,
    JSON.stringify(collectionConfJson(NOTE_TYPE_ID, position + 1)),
    JSON.stringify({ [NOTE_TYPE_ID]: noteTypeJson(firstDeck) }),
    JSON.stringify(decksJson),
    JSON.stringify(deckOptionsJson(nowSeconds)),
  ]);
}

/** col.crt: the collection's creation day, in seconds (Anki counts due days from it). */
const startOfDay = (now: Date): number => Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000);

/** The .apkg bytes, chunk by chunk. */
export async function* writeApkg(decks: DeckToExport[], now: Date): AsyncGenerator<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  let collection: Uint8Array;
  try {
    await fillCollection(db, decks, now);
    collection = db.export();
  } finally {
    db.close();
  }
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const entry = new ZipDeflate('collection.anki21', { level: 6 });
  zip.add(entry);
  for (let offset = 0; offset < collection.length; offset += ZIP_CHUNK) {
    const end = Math.min(offset + ZIP_CHUNK, collection.length);
    entry.push(collection.subarray(offset, end), end === collection.length);
    if (failure) throw failure;
    yield* out.splice(0);
  }
  if (collection.length === 0) entry.push(new Uint8Array(0), true);
  const media = new ZipPassThrough('media');
  zip.add(media);
  media.push(new TextEncoder().encode('{}'), true);
  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}
