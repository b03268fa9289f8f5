/**
 * The "OpenDeck Basic" note type. Its id and field names never change: Anki recognises a re-export as the same
 * note type (and so updates notes instead of asking to map fields). Changing FIELD_NAMES or NOTE_TYPE_ID
 * breaks that for every deck students already imported.
 */
export const NOTE_TYPE_ID = 1_733_000_000_013;
export const NOTE_TYPE_NAME = 'OpenDeck Basic';
/**
 * The note type's modification time (seconds), fixed on purpose: Anki replaces its copy of a note type only
 * with a newer one, so a student's own template changes survive re-imports. Raise it when FRONT, BACK or CSS
 * change, so the new templates reach students.
 */
export const NOTE_TYPE_MOD = 1_733_000_000;
export const FIELD_NAMES = ['Question', 'Answer', 'Source', 'Page', 'Section', 'Quote', 'SourceURL'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

const FRONT = '<div class="question">{{Question}}</div>';
const BACK =
  '{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n' +
  '{{#Source}}<div class="source">{{#SourceURL}}<a href="{{SourceURL}}">{{/SourceURL}}{{Source}}{{#SourceURL}}</a>{{/SourceURL}}</div>{{/Source}}\n' +
  '{{#Quote}}<blockquote class="quote">{{Quote}}</blockquote>{{/Quote}}';
const CSS =
  '.card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\n' +
  '.source { margin-top: 1em; font-size: 14px; color: #555; }\n' +
  '.quote { margin: 0.5em auto; max-width: 40em; font-size: 14px; font-style: italic; text-align: left; color: #333; }';

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

/** The note type as schema 11 keeps it in col.models (keyed by its id as a string). */
export function noteTypeJson(deckId: number) {
  return {
    id: NOTE_TYPE_ID,
    name: NOTE_TYPE_NAME,
    type: 0,
    mod: NOTE_TYPE_MOD,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [{ name: 'Card 1', ord: 0, qfmt: FRONT, afmt: BACK, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 }],
    flds: FIELD_NAMES.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: CSS,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    // The card exists when Question (field 0) is not empty.
    req: [[0, 'all', [0]]],
    tags: [],
    vers: [],
  };
}
