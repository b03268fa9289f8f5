/**
 * Anki's CSV file headers (`#key:value` lines at the top of the file): which separator, whether fields are
 * HTML, which columns hold the GUID, tags, deck and note type, and the column names.
 */
export interface CsvHeaders {
  separator: string | null;
  html: boolean;
  deck: string | null;
  /** 1-based column numbers, as Anki writes them. */
  guidColumn: number | null;
  tagsColumn: number | null;
  deckColumn: number | null;
  notetypeColumn: number | null;
  columns: string[] | null;
}

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };

const column = (value: string): number | null => {
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : null;
};

/** Splits the header lines off the text; the rest is the CSV body. */
export function readCsvHeaders(text: string): { headers: CsvHeaders; body: string } {
  const headers: CsvHeaders = {
    separator: null,
    html: false,
    deck: null,
    guidColumn: null,
    tagsColumn: null,
    deckColumn: null,
    notetypeColumn: null,
    columns: null,
  };
  let rest = text;
  for (;;) {
    const match = /^#([a-z ]+):(.*)(\r?\n|$)/i.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
    const key = match[1]!.trim().toLowerCase();
    const value = match[2]!.trim();
    if (key === 'separator') headers.separator = SEPARATORS[value.toLowerCase()] ?? (value.length === 1 ? value : null);
    else if (key === 'html') headers.html = value.toLowerCase() === 'true';
    else if (key === 'deck') headers.deck = value || null;
    else if (key === 'guid column') headers.guidColumn = column(value);
    else if (key === 'tags column') headers.tagsColumn = column(value);
    else if (key === 'deck column') headers.deckColumn = column(value);
    else if (key === 'notetype column') headers.notetypeColumn = column(value);
    else if (key === 'columns') headers.columns = value.split(headers.separator ?? '\t').map((c) => c.trim());
  }
  return { headers, body: rest };
}

/** Without a #separator header: the likeliest of tab, semicolon and comma in the first line. */
export function guessSeparator(body: string): string {
  const firstLine = body.slice(0, body.indexOf('\n') >>> 0 || body.length);
  const counts = ['\t', ';', ','].map((sep) => [sep, firstLine.split(sep).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : '\t';
}
