/**
 * A strict RFC 4180 reader (csv-parse is not a dependency): fields may be quoted, a quote inside a quoted
 * field is doubled, and quoted fields may hold commas and line breaks. Anything else (a bare quote inside
 * an unquoted field, text after a closing quote, an unterminated quote) throws, so a writer that forgot to
 * quote is caught rather than misread.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        throw new Error(`text after a closing quote at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i === text.length) row.push('');
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    endRow();
  }
  if (row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  for (const r of rows)
    if (r.length !== header.length) throw new Error(`row has ${r.length} fields, header has ${header.length}: ${JSON.stringify(r)}`);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]!])));
}
