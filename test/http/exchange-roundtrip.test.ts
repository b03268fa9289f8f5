/**
 * Export -> edit in Anki -> import. Anki's rule: a note matches by GUID and replaces the card only when newer.
 * The round trip must create no duplicates and change exactly the edited card.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { guidForCard } from '../../src/core/index.js';
import { openApkg, query, rezip } from '../unit/exchange/anki-fixtures.js';
import { exportDeck, importFile, sampleDeck } from './exchange-support.js';
import { buildTestApp, call, signUp, type SignedIn } from './support.js';

const { app } = buildTestApp();
let alice: SignedIn;
let deckId: string;
let before: any[];

const listCards = async (token: string, deck: string) =>
  (await call(app, 'GET', `/api/v1/decks/${deck}/cards?limit=100`, { token })).body.items as any[];
const deckCount = async (token: string) => (await call(app, 'GET', '/api/v1/decks?limit=100', { token })).body.total as number;

beforeAll(async () => {
  alice = await signUp(app);
  deckId = (await sampleDeck(app, alice.access, 5)).deck.id;
  before = await listCards(alice.access, deckId);
});

describe('apkg round trip', () => {
  it('re-importing an unedited export changes nothing and adds nothing', async () => {
    const { bytes } = await exportDeck(app, alice.access, deckId, 'apkg');
    const res = await importFile(app, alice.access, { name: 'Cell structure.apkg', bytes });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      deck_id: deckId,
      deck_created: false,
      format: 'apkg',
      created: 0,
      updated: 0,
      unchanged: before.length,
      skipped: 0,
    });
    expect(await listCards(alice.access, deckId)).toEqual(before);
  });

  it('an Anki edit (one answer changed, one note added, mod bumped) creates one card and updates exactly one', async () => {
    const decksBefore = await deckCount(alice.access);
    const pkg = openApkg((await exportDeck(app, alice.access, deckId, 'apkg')).bytes);
    const edited = before[1];
    const note = query(pkg.db, 'SELECT * FROM notes WHERE guid = ?', [guidForCard(edited.id)])[0]!;
    const fields = note.flds.split('\x1f');
    fields[1] = 'An answer <b>edited</b> in Anki<div>on two lines</div>';
    const later = Math.floor(Date.now() / 1000) + 60;
    pkg.db.run('UPDATE notes SET flds = ?, mod = ? WHERE id = ?', [fields.join('\x1f'), later, note.id]);
    pkg.db.run("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')", [
      1,
      'AnkiNew01',
      note.mid,
      later,
      ' opendeck ',
      ['Added in Anki', 'A new answer', '', '', '', '', ''].join('\x1f'),
      'Added in Anki',
    ]);
    const did = query(pkg.db, 'SELECT did FROM cards LIMIT 1')[0]!.did;
    pkg.db.run("INSERT INTO cards VALUES (1, 1, ?, 0, ?, -1, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0, 0, '')", [did, later]);

    const res = await importFile(app, alice.access, { name: 'edited.apkg', bytes: rezip(pkg) });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ deck_id: deckId, created: 1, updated: 1, unchanged: before.length - 1, skipped: 0 });

    const after = await listCards(alice.access, deckId);
    expect(after).toHaveLength(before.length + 1);
    expect(new Set(after.map((c) => c.question)).size).toBe(after.length);
    for (const card of before) {
      const now = after.find((c) => c.id === card.id)!;
      if (card.id === edited.id) {
        expect(now.answer).toBe('An answer edited in Anki\non two lines');
        expect({ ...now, answer: card.answer, updated_at: card.updated_at }).toEqual(card);
      } else {
        expect(now).toEqual(card);
      }
    }
    const added = after.find((c) => c.question === 'Added in Anki')!;
    expect(added).toMatchObject({ answer: 'A new answer', source: 'Imported from edited.apkg', source_ref: null });
    expect(await deckCount(alice.access)).toBe(decksBefore);

    // The next export gives Anki back the GUID it made, so Anki updates that note instead of adding a second one.
    const next = openApkg((await exportDeck(app, alice.access, deckId, 'apkg')).bytes);
    const guids = query(next.db, 'SELECT guid FROM notes').map((r) => r.guid);
    expect(guids).toContain('AnkiNew01');
    expect(guids).toHaveLength(new Set(guids).size);

    // The same edited file again: nothing new, nothing changed (the cards here are now newer or equal).
    const again = await importFile(app, alice.access, { name: 'edited.apkg', bytes: rezip(pkg) });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: before.length + 1 });
    expect(await listCards(alice.access, deckId)).toEqual(after);
  });

  it('an older note does not overwrite a card edited here since (kept_newer_here)', async () => {
    const pkg = openApkg((await exportDeck(app, alice.access, deckId, 'apkg')).bytes);
    const target = before[2];
    const note = query(pkg.db, 'SELECT * FROM notes WHERE guid = ?', [guidForCard(target.id)])[0]!;
    const fields = note.flds.split('\x1f');
    fields[1] = 'Stale answer from an old export';
    pkg.db.run('UPDATE notes SET flds = ?, mod = ? WHERE id = ?', [fields.join('\x1f'), 1_000_000_000, note.id]);
    const res = await importFile(app, alice.access, { name: 'old.apkg', bytes: rezip(pkg) });
    expect(res.body).toMatchObject({ created: 0, updated: 0, kept_newer_here: 1 });
    expect((await call(app, 'GET', `/api/v1/cards/${target.id}`, { token: alice.access })).body.answer).toBe(target.answer);
  });

  it("another user importing the package gets their own copies and leaves the owner's cards alone", async () => {
    const bob = await signUp(app);
    const { bytes } = await exportDeck(app, alice.access, deckId, 'apkg');
    const ownerCards = await listCards(alice.access, deckId);
    const first = await importFile(app, bob.access, { name: 'shared.apkg', bytes });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ deck_created: true, created: ownerCards.length, updated: 0 });
    const bobDeck = (await call(app, 'GET', `/api/v1/decks/${first.body.deck_id}`, { token: bob.access })).body;
    expect(bobDeck).toMatchObject({ title: 'Cell structure', category: 'Biology', card_count: ownerCards.length });
    const bobCards = await listCards(bob.access, first.body.deck_id);
    expect(bobCards.some((c) => ownerCards.some((o) => o.id === c.id))).toBe(false);
    // Bob's second import of the same file finds his copies: no duplicates.
    const second = await importFile(app, bob.access, { name: 'shared.apkg', bytes });
    expect(second.body).toMatchObject({ deck_id: first.body.deck_id, deck_created: false, created: 0, unchanged: ownerCards.length });
    expect(await listCards(alice.access, deckId)).toEqual(ownerCards);
  });

  it("imports into the deck_id given, and that deck must be the caller's (else 404)", async () => {
    const target = (await call(app, 'POST', '/api/v1/decks', { token: alice.access, body: { title: 'Target' } })).body;
    const csv = 'question,answer\nWhat is a ribosome?,Where proteins are made\n';
    const res = await importFile(app, alice.access, { name: 'plain.csv', bytes: csv }, target.id);
    expect(res.body).toMatchObject({ deck_id: target.id, created: 1 });
    const bob = await signUp(app);
    const denied = await importFile(app, bob.access, { name: 'plain.csv', bytes: csv }, target.id);
    expect(denied.status).toBe(404);
    expect(denied.body.code).toBe('not_found');
    const malformed = await importFile(app, bob.access, { name: 'plain.csv', bytes: csv }, 'not-a-uuid');
    expect(malformed.status).toBe(404);
  });
});
