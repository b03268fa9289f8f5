/**
 * Text <-> Anki field HTML. Cards here are plain text; Anki fields are HTML. Export escapes the five special
 * characters and turns line breaks into <br>; import does the reverse, so a card survives the round trip
 * unchanged. stripHtmlKeepingMedia follows Anki's own rule for the sort field and checksum (tags removed,
 * image file names kept, entities decoded).
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** A card's plain text as an Anki field. */
export const textToFieldHtml = (text: string): string => escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  middot: '\u00b7',
  times: '\u00d7',
  divide: '\u00f7',
  deg: '\u00b0',
  plusmn: '\u00b1',
  copy: '\u00a9',
  reg: '\u00ae',
  shy: '',
};

function codePoint(n: number, original: string): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : original;
}

/** Decodes the named entities above and every numeric one; unknown names stay as written. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#')
      return codePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10), whole);
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const COMMENTS_STYLES_SCRIPTS = /<!--[\s\S]*?-->|<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi;
const TAG = /<[^>]*>/g;
const IMG_SRC = /<img[^>]+src=["']?([^"'>]+)["']?[^>]*>/gi;

/** Anki's strip_html_preserving_media_filenames: what the sort field holds and the checksum hashes. */
export function stripHtmlKeepingMedia(html: string): string {
  const withMedia = html.replace(IMG_SRC, ' $1 ');
  return decodeEntities(withMedia.replace(COMMENTS_STYLES_SCRIPTS, '').replace(TAG, ''));
}

/** An Anki field (HTML, possibly written by hand in Anki's editor) as a card's plain text. */
export function fieldHtmlToText(html: string): string {
  const withBreaks = html
    .replace(COMMENTS_STYLES_SCRIPTS, '')
    .replace(/<br\s*\/?>/gi, '\n')
    // Anki's editor writes each new line as <div>line</div>: a block that opens starts a new line.
    .replace(/<(div|p|li|h[1-6]|tr)(\s[^>]*)?>/gi, '\n')
    .replace(TAG, '');
  return decodeEntities(withBreaks)
    .replace(/\u00a0/g, ' ')
    .trim();
}
