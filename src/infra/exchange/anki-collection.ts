/**
 * The parts of a schema 11 collection besides notes and cards: the tables, the decks, deck options and the
 * collection settings kept as JSON in the single `col` row. Values follow what Anki 2.1 itself writes.
 */
export const SCHEMA_11_VERSION = 11;

export const SCHEMA_11_DDL = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** Anki's own "Default" deck (id 1) and options group (id 1), present in every collection. */
export const DEFAULT_DECK_ID = 1;
const DEFAULT_CONF_ID = 1;

export function deckJson(id: number, name: string, description: string, modSeconds: number) {
  return {
    id,
    name,
    desc: description,
    mod: modSeconds,
    usn: -1,
    dyn: 0,
    conf: DEFAULT_CONF_ID,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

export const deckOptionsJson = (modSeconds: number) => ({
  [DEFAULT_CONF_ID]: {
    id: DEFAULT_CONF_ID,
    name: 'Default',
    mod: modSeconds,
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  },
});

export const collectionConfJson = (noteTypeId: number, nextPos: number) => ({
  activeDecks: [DEFAULT_DECK_ID],
  curDeck: DEFAULT_DECK_ID,
  newSpread: 0,
  collapseTime: 1200,
  timeLim: 0,
  estTimes: true,
  dueCounts: true,
  curModel: noteTypeId,
  nextPos,
  sortType: 'noteFld',
  sortBackwards: false,
  addToCur: true,
});
