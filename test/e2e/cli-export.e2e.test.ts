/**
 * `opendeck export` as a user runs it: its own process against a PostgreSQL database (DATABASE_URL), writing
 * an .apkg, .csv or .json that reads back as the deck; the wrong user or deck is a clear message and exit 1.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidForCard } from '../../src/core/index.js';
import { openDatabase, type OpenedDatabase } from '../../src/infra/postgres/open-database.js';
import { openApkg, query } from '../unit/exchange/anki-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { runOpendeck } from './support/processes.js';

let testDb: TestDatabase | null;
let db: OpenedDatabase;
let dir: string;
const email = `cli-export-${randomUUID()}@example.com`;
const userId = randomUUID();
const deckId = randomUUID();
const cardIds = [randomUUID(), randomUUID()];
const T = new Date('2026-03-01T10:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  if (!testDb) return;
  db = await openDatabase({ backend: 'postgres', url: testDb.url, poolMax: 2 });
  await db.migrate();
  const repos = db.repositories;
  await repos.users.create({ id: userId, email, name: 'Ana', password_hash: null, created_at: T });
  await repos.decks.create({
    id: deckId,
    user_id: userId,
    title: 'Cell biology',
    description: null,
    category: 'Biology',
    difficulty: null,
    created_at: T,
  });
  await repos.cards.createMany(
    userId,
    deckId,
    cardIds.map((id, i) => ({
      id,
      deck_id: deckId,
      user_id: userId,
      question: `Question ${i}?`,
      answer: `Answer ${i}`,
      source: 'Notes.pdf - Page 1',
      source_url: null,
      source_ref: null,
      created_at: new Date(T.getTime() + i),
    })),
  );
  const second = randomUUID();
  await repos.decks.create({
    id: second,
    user_id: userId,
    title: 'Genetics',
    description: null,
    category: null,
    difficulty: null,
    created_at: new Date(T.getTime() + 5),
  });
  await repos.cards.createMany(userId, second, [
    {
      id: randomUUID(),
      deck_id: second,
      user_id: userId,
      question: 'DNA?',
      answer: 'Yes',
      source: 'Lecture',
      source_url: null,
      source_ref: null,
      created_at: T,
    },
  ]);
  dir = mkdtempSync(path.join(tmpdir(), 'od-cli-export-'));
}, 60_000);

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runOpendeck(['export', ...args], { DATABASE_URL: testDb!.url });

describe('opendeck export', () => {
  it('writes an Anki package of the deck to --out', async (t) => {
    if (!testDb) return t.skip();
    const out = path.join(dir, 'deck.apkg');
    const res = await run([deckId, '--user', email, '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/Wrote .*deck\.apkg \(apkg/);
    const pkg = openApkg(readFileSync(out));
    const notes = query(pkg.db, 'SELECT guid, flds FROM notes ORDER BY id');
    expect(notes.map((n) => n.guid)).toEqual(cardIds.map(guidForCard));
    expect(notes[0]!.flds.split('\x1f').slice(0, 3)).toEqual(['Question 0?', 'Answer 0', 'Notes.pdf - Page 1']);
  }, 60_000);

  it('takes the format from --out, and --all writes every deck of the user', async (t) => {
    if (!testDb) return t.skip();
    const csv = path.join(dir, 'all.csv');
    const res = await run(['--all', '--user', email, '--out', csv]);
    expect(res.code, res.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines.slice(0, 4)).toEqual(['#separator:Tab', '#html:true', '#notetype:OpenDeck Basic', '#deck column:10']);
    expect(lines.slice(7).map((l) => l.split('\t').at(-1))).toEqual(['Biology::Cell biology', 'Biology::Cell biology', 'Genetics']);
    const json = path.join(dir, 'deck.json');
    expect((await run([deckId, '--user', email, '--format', 'json', '--out', json])).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).cards.map((c: any) => c.id)).toEqual(cardIds);
  }, 60_000);

  it('says what is wrong, exits with its sysexits code and writes nothing for a bad deck, user or format', async (t) => {
    if (!testDb) return t.skip();
    const out = path.join(dir, 'never.apkg');
    // 66 (no input): what was named does not exist; 64 (usage): the command was given wrongly.
    const cases: [string[], RegExp, number][] = [
      [[randomUUID(), '--user', email, '--out', out], /has no deck/, 66],
      [[deckId, '--user', 'nobody@example.com', '--out', out], /No account has the email/, 66],
      [[deckId, '--user', email, '--format', 'xlsx', '--out', out], /--format must be one of apkg, csv, json/, 64],
      [['--user', email, '--out', out], /Give the id of the deck/, 64],
      [[deckId, '--all', '--user', email], /not both/, 64],
    ];
    for (const [args, message, code] of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    const help = await runOpendeck(['export', '--help']);
    expect(help.stdout).toMatch(/--format <format>/);
  }, 120_000);
});
