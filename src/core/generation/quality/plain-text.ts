/**
 * Rule `markup`: a card is plain text. Source documents bring Markdown emphasis, headings, list bullets and HTML
 * into what a generator writes ("Completa: **Organismos ____**"); a card shows them as literal symbols. The
 * pipeline renders question and answer to plain text before checking a card; the stored quote stays the
 * document's own text, so grounding still finds it.
 */

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** "**bold**" / "*em*" / "***both***": the text inside, kept. */
const STAR_EMPHASIS = /(\*{1,3})(?=[^\s*])([^*\n]*?[^\s*])\1(?!\*)/gu;
/** "__bold__" / "_em_" but never a cloze blank "____" nor snake_case words. */
const UNDERSCORE_EMPHASIS = /(?<![\p{L}\p{N}_])(_{1,2})(?=[^\s_])([^_\n]*?[^\s_])\1(?![\p{L}\p{N}_])/gu;
const LINE_MARKERS = /^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+\u2022\u25AA\u25CF][ \t]+)/gmu;
const LINK = /!?\[([^\]\n]*)\]\([^)\n]*\)/gu;
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/gu;
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#39);/gu;
const INLINE_CODE = /`([^`\n]+)`/gu;

/** Markdown and HTML rendered to the plain text a reader would see; whitespace collapsed. */
export function renderPlainText(text: string): string {
  return text
    .replace(/<br\s*\/?>/giu, ' ')
    .replace(TAG, '')
    .replace(ENTITY, (_, name: string) => HTML_ENTITIES[name]!)
    .replace(LINE_MARKERS, '')
    .replace(LINK, '$1')
    .replace(INLINE_CODE, '$1')
    .replace(STAR_EMPHASIS, '$2')
    .replace(UNDERSCORE_EMPHASIS, '$2')
    .replace(/\s+/gu, ' ')
    .trim();
}

const MARKUP = [
  /\*\*[^*\s]/u,
  /(?<![\p{L}\p{N}_])__[^_\s][^_]*__(?![\p{L}\p{N}_])/u,
  /^#{1,6}\s/mu,
  /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/u,
  /&(amp|lt|gt|quot|apos|nbsp|#39);/u,
  /\[[^\]\n]+\]\([^)\n]+\)/u,
  /`[^`\n]+`/u,
  /^\s*[-*+\u2022]\s/mu,
];

/** Markdown or HTML a reader would see as symbols. */
export const hasMarkup = (text: string): boolean => MARKUP.some((re) => re.test(text));
