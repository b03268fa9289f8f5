/**
 * `opendeck generate <file>` as a user runs it: its own process, from source, no server and no database.
 * Cards (with their sources) go to stdout or to --out (.json or .csv); progress and the summary go to stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBedrock, startFakeOpenAi, type FakeLlmServer } from '../support/fake-llm/index.js';
import { honestCourseCards, metered, newMeter } from './support/course-cards.js';
import { chapterOf, coursePages, coursePdf, normalised, quoteIsOnPage } from './support/course-pdf.js';
import { csvRecords } from './support/csv.js';
import { CLI, CLEAN_ENV, runOpendeck } from './support/processes.js';

/** Notes whose every sentence holds a comma and double quotes, so whatever cards come out, CSV quoting has work to do. */
const NOTES = [
  'Cell Biology Notes',
  '==================',
  '',
  'Chapter 1 Organelles',
  '',
  'A mitochondrion is an organelle that makes ATP, the "energy currency" of the cell.',
  '',
  'The nucleus is the compartment that holds the DNA, the "instructions" of the cell.',
  '',
  'Chapter 2 Transport',
  '',
  'Osmosis is the movement of water across a membrane, from "low" to "high" solute concentration.',
].join('\n');

interface CardRecord {
  question: string;
  answer: string;
  source: string;
  source_ref: { document_name: string; page: number | null; section: string | null; quote: string };
  quality_flags: string[];
}

let dir: string;
let notes: string;
let fromStdout: CardRecord[] | undefined;
/** The offline cards as JSON on stdout (computed once; the offline generator is deterministic). */
async function offlineCards(): Promise<CardRecord[]> {
  fromStdout ??= JSON.parse((await runOpendeck(['generate', notes], OFFLINE)).stdout) as CardRecord[];
  return fromStdout;
}
const OFFLINE = { AI_PROVIDER: 'offline' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'od-e2e-cli-'));
  notes = path.join(dir, 'cell notes.txt');
  writeFileSync(notes, NOTES);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opendeck generate (offline provider)', () => {
  it('prints JSON cards with source and source_ref to stdout, and a summary to stderr', async () => {
    const run = await runOpendeck(['generate', notes], OFFLINE);
    expect(run.code, run.stderr).toBe(0);
    const cards = JSON.parse(run.stdout) as CardRecord[];
    fromStdout = cards;
    expect(cards.length).toBeGreaterThanOrEqual(3);
    for (const card of cards) {
      expect(card.question.length).toBeGreaterThan(3);
      expect(card.answer.length).toBeGreaterThan(0);
      expect(card.source_ref).toMatchObject({ document_name: 'cell notes.txt', page: null });
      expect(Array.isArray(card.quality_flags)).toBe(true);
      expect(card.source_ref.section).toMatch(/^Chapter [12] /);
      expect(card.source).toBe(`cell notes.txt - ${card.source_ref.section!.split(' > ').at(-1)}`);
      expect(normalised(NOTES)).toContain(normalised(card.source_ref.quote));
    }
    // Nothing but the cards on stdout; the human summary on stderr.
    expect(run.stderr).toMatch(new RegExp(`^${cards.length} cards from cell notes\\.txt .*offline/`, 'm'));
    expect(run.stderr).not.toContain('"question"');
  });

  it('--out cards.csv writes a header and properly quoted fields, the same cards as the JSON', async () => {
    const out = path.join(dir, 'cards.csv');
    const run = await runOpendeck(['generate', notes, '--out', out], OFFLINE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`written to ${out}`);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('question,answer,source,page,section,quote');
    // A field with a comma and quotes is wrapped in quotes, its quotes doubled; the strict reader gets it back.
    expect(csv).toMatch(/,"[^"\n]*,[^"\n]*""\w+""/);
    const records = csvRecords(csv);
    expect(records.some((r) => r.quote!.includes(',') && r.quote!.includes('"'))).toBe(true);
    expect(records).toEqual(
      (await offlineCards()).map((c) => ({
        question: c.question,
        answer: c.answer,
        source: c.source,
        page: c.source_ref.page === null ? '' : String(c.source_ref.page),
        section: c.source_ref.section ?? '',
        quote: c.source_ref.quote,
      })),
    );
  });

  it('--help lists the options; what it cannot do is refused with a clear message and a non-zero exit', async () => {
    const wrongOut = path.join(dir, 'cards.txt');
    const missing = path.join(dir, 'no such notes.txt');
    const [help, badOut, noFile, badMax] = await Promise.all([
      runOpendeck(['generate', '--help']),
      runOpendeck(['generate', notes, '--out', wrongOut], OFFLINE),
      runOpendeck(['generate', missing], OFFLINE),
      runOpendeck(['generate', notes, '--max-cards', 'lots'], OFFLINE),
    ]);
    expect(help.code).toBe(0);
    for (const option of ['<file>', '--provider', '--model', '--max-cards', '--language', '--out']) expect(help.stdout).toContain(option);

    // sysexits: 64 usage, 66 no input (src/adapters/cli/exit-codes.ts).
    expect(badOut.code).toBe(64);
    expect(badOut.stderr.trim()).toBe(`opendeck: --out must end in .json or .csv (got "${wrongOut}").`);
    expect(existsSync(wrongOut)).toBe(false);

    expect(noFile.code).toBe(66);
    expect(noFile.stdout).toBe('');
    expect(noFile.stderr).toContain(missing);
    expect(noFile.stderr).toMatch(/no such file/i);
    expect(noFile.stderr).not.toMatch(/ENOENT|\n\s+at /); // a sentence, not a Node error code or a stack

    expect(badMax.code).toBe(64);
    expect(badMax.stderr).toMatch(/--max-cards must be a whole number from 1 to 1000/);
  });

  it('draws a progress bar on stderr when stderr is a terminal', async (ctx) => {
    // `script` gives the command a pseudo-terminal; stdout is redirected to a file, so only stderr reaches it.
    if (spawnSync('script', ['--version']).status !== 0) return ctx.skip();
    const out = path.join(dir, 'tty.json');
    const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, ...CLI, 'generate', notes].map(quoted).join(' ');
    const run = spawnSync('script', ['-qec', `${command} > ${quoted(out)}`, '/dev/null'], {
      env: { ...process.env, ...CLEAN_ENV, ...OFFLINE },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/generating \[=+\] 100%/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(await offlineCards());
  });
});

describe('opendeck generate --provider openai against a fake OpenAI server', () => {
  let fake: FakeLlmServer;
  afterAll(async () => fake?.close());

  it('sends the document to OPENAI_BASE_URL and prints the grounded cards with their pages and sections', async () => {
    const meter = newMeter();
    fake = await startFakeOpenAi({ fallback: { kind: 'cards', cards: metered(honestCourseCards, meter) } });
    const pages = coursePages(3, 'cli');
    const pdf = path.join(dir, 'handout.pdf');
    writeFileSync(pdf, await coursePdf(pages));
    const run = await runOpendeck(['generate', pdf, '--provider', 'openai', '--max-cards', '9'], {
      OPENAI_API_KEY: 'sk-e2e-cli',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      AI_MAX_CHUNK_CHARS: '1000',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-e2e-cli');

    const cards = JSON.parse(run.stdout) as CardRecord[];
    expect(cards.map((c) => c.source_ref.page)).toEqual([1, 2, 3]);
    for (const card of cards) {
      expect(card.source_ref.document_name).toBe('handout.pdf');
      expect(card.source_ref.section).toBe(chapterOf(pages, card.source_ref.page));
      expect(quoteIsOnPage(pages, card.source_ref.page, card.source_ref.quote)).toBe(true);
      expect(card.source).toBe(`handout.pdf - Page ${card.source_ref.page}, ${card.source_ref.section}`);
    }
    expect(run.stderr).toContain(`3 cards from handout.pdf (3 pages, 3 chunks, openai/gpt-4o-mini)`);
    expect(run.stderr).toContain(`${meter.inputTokens} input and ${meter.outputTokens} output tokens`);
  });
});

describe('opendeck generate with the specification\u2019s settings', () => {
  let fake: FakeLlmServer | undefined;
  afterAll(async () => fake?.close());

  it('OPENAI_MODEL=gpt-4: asks without response_format (gpt-4 has neither JSON schema nor JSON mode) and gets the cards', async () => {
    fake = await startFakeOpenAi({ fallback: { kind: 'cards', cards: honestCourseCards } });
    const pdf = path.join(dir, 'gpt4.pdf');
    writeFileSync(pdf, await coursePdf(coursePages(2, 'gpt4')));
    const run = await runOpendeck(['generate', pdf], {
      AI_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-e2e-gpt4',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      OPENAI_MODEL: 'gpt-4',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.body.model === 'gpt-4' && r.body.response_format === undefined)).toBe(true);
    expect((JSON.parse(run.stdout) as CardRecord[]).length).toBeGreaterThan(0);
    await fake.close();
    fake = undefined;
  });

  it('AI_PROVIDER=bedrock: calls the Converse API in AWS_REGION, signed with the default credential chain', async () => {
    const meter = newMeter();
    fake = await startFakeBedrock({ fallback: { kind: 'cards', cards: metered(honestCourseCards, meter) } });
    const pdf = path.join(dir, 'bedrock.pdf');
    writeFileSync(pdf, await coursePdf(coursePages(2, 'bedrock')));
    const run = await runOpendeck(['generate', pdf, '--max-cards', '6'], {
      AI_PROVIDER: 'bedrock',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIAE2EFAKEFAKEFAKE0',
      AWS_SECRET_ACCESS_KEY: 'fake/secret/for/the/local/fake/only',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AI_MAX_CHUNK_CHARS: '1000',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.path).toBe('/model/global.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse');
    expect(fake.requests[0]!.headers.authorization).toMatch(/Credential=AKIAE2EFAKEFAKEFAKE0\/\d{8}\/eu-west-1\/bedrock\//);
    expect((JSON.parse(run.stdout) as CardRecord[]).map((c) => c.source_ref.page)).toEqual([1, 2]);
    expect(run.stderr).toContain('(2 pages, 2 chunks, bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0)');
    // The fake's usage.inputTokens, summed; its output count is of the toolUse blocks, not of the cards alone.
    expect(run.stderr).toMatch(new RegExp(`${meter.inputTokens} input and [1-9]\\d* output tokens`));
  });
});
