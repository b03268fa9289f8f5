/**
 * Decks as a CSV that Anki's importer reads without questions: its file headers name the separator, the note
 * type, the deck and which columns hold the GUID and the tags, so a re-import updates notes instead of
 * duplicating them. Tab-separated, UTF-8, quoted by RFC 4180 where needed; fields are HTML (`#html:true`).
 */
import { stringify } from 'csv-stringify/sync';
import type { DeckToExport } from '../../core/index.js';
import { FIELD_NAMES, NOTE_TYPE_NAME } from './anki-note-type.js';
import { ankiDeckName, noteFields, noteGuid, noteTags } from './card-fields.js';

/** Column order: GUID, the note type's fields, tags, and (several decks only) the deck. */
export const CSV_COLUMNS = ['guid', ...FIELD_NAMES, 'tags'] as const;
const GUID_COLUMN = 1;
const TAGS_COLUMN = CSV_COLUMNS.length;
const DECK_COLUMN = CSV_COLUMNS.length + 1;

export function csvHeaderLines(decks: DeckToExport[]): string[] {
  const one = decks.length === 1 ? decks[0]! : null;
  return [
    '#separator:Tab',
    '#html:true',
    `#notetype:${NOTE_TYPE_NAME}`,
    one ? `#deck:${ankiDeckName(one.deck).replace(/[\r\n]/g, ' ')}` : `#deck column:${DECK_COLUMN}`,
    `#guid column:${GUID_COLUMN}`,
    `#tags column:${TAGS_COLUMN}`,
    `#columns:${[...CSV_COLUMNS, ...(one ? [] : ['deck'])].join('\t')}`,
  ];
}

const rows = (records: string[][]): string => stringify(records, { delimiter: '\t', record_delimiter: '\n' });

const encoder = new TextEncoder();

export async function* writeCsv(decks: DeckToExport[]): AsyncGenerator<Uint8Array> {
  // No byte order mark: Anki reads the first line as a file header only when it starts with '#'.
  yield encoder.encode(`${csvHeaderLines(decks).join('\n')}\n`);
  for (const { deck, cards } of decks) {
    const deckName = ankiDeckName(deck);
    for await (const page of cards()) {
      const records = page.map((card) => {
        const fields = noteFields(card);
        const record = [noteGuid(card), ...FIELD_NAMES.map((name) => fields[name]), noteTags(card, deck).join(' ')];
        if (decks.length > 1) record.push(deckName);
        return record;
      });
      yield encoder.encode(rows(records));
    }
  }
}
