/**
 * `opendeck generate <file>`: the core's draftCardsFromFile (the pipeline and limits of an upload) with no
 * server and no database. Cards go to stdout (JSON) or to --out as .json or .csv; progress goes to stderr.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import {
  draftCardsFromFile,
  MAX_CARDS_LIMIT,
  pageFacts,
  type Ctx,
  type DraftCardsResult,
  type DraftPhase,
  type GroundedCard,
} from '../../core/index.js';
import { CliError, EX_NOINPUT } from './exit-codes.js';

export interface GenerateOptions {
  provider?: string;
  model?: string;
  maxCards?: string;
  language?: string;
  out?: string;
}

function maxCardsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CARDS_LIMIT) {
    throw new CliError(`--max-cards must be a whole number from 1 to ${MAX_CARDS_LIMIT} (got "${value}").`);
  }
  return n;
}

export function cardsAsRecords(documentName: string, cards: GroundedCard[], reading: DraftCardsResult['reading'] = {}) {
  return cards.map((c) => ({
    question: c.question,
    answer: c.answer,
    source: c.source,
    source_ref: { document_name: documentName, page: c.page, section: c.section, quote: c.quote, ...pageFacts(reading, c.page) },
    // The soft quality rules the card broke, as the API shows them (issue 15).
    quality_flags: c.quality_flags,
  }));
}

function render(records: ReturnType<typeof cardsAsRecords>, out: string | undefined): string {
  if (out && path.extname(out).toLowerCase() === '.csv') {
    return stringify(
      records.map((r) => [r.question, r.answer, r.source, r.source_ref.page ?? '', r.source_ref.section ?? '', r.source_ref.quote]),
      { header: true, columns: ['question', 'answer', 'source', 'page', 'section', 'quote'] },
    );
  }
  return `${JSON.stringify(records, null, 2)}\n`;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new CliError(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`, EX_NOINPUT);
  }
}

/** `ctx` comes from the composition root: ports with no database, as the CLI runs no server. */
export async function runGenerate(file: string, options: GenerateOptions, ctx: Ctx): Promise<void> {
  if (options.out && !['.json', '.csv'].includes(path.extname(options.out).toLowerCase())) {
    throw new CliError(`--out must end in .json or .csv (got "${options.out}").`);
  }
  if (options.language && !/^[a-z]{2}$/i.test(options.language))
    throw new CliError('--language must be a two-letter code such as en or es.');
  const maxCards = maxCardsOption(options.maxCards);
  const bytes = await readInput(file);

  const bar = new SingleBar({
    format: ' {phase} [{bar}] {percentage}% | {value}/{total}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
  // Without a terminal (CI logs, pipes) the bar prints a plain line every 2 s instead of redrawing.
  let phase: DraftPhase | null = null;
  const onProgress = (next: DraftPhase, done: number, total: number) => {
    if (next !== phase) bar.start(1, 0, { phase: next === 'reading' ? 'reading   ' : 'generating' });
    phase = next;
    bar.setTotal(total);
    bar.update(done);
  };
  const input = { max_cards: maxCards, language: options.language?.toLowerCase(), provider: options.provider, model: options.model };
  const result = await draftCardsFromFile({ ctx, input: { filename: path.basename(file), bytes, options: input, onProgress } }).finally(
    () => bar.stop(),
  );
  const { report, documentName, generator } = result;

  const output = render(cardsAsRecords(documentName, report.cards, result.reading), options.out);
  if (options.out) await writeFile(options.out, output);
  else process.stdout.write(output);
  process.stderr.write(
    `${report.cards.length} cards from ${documentName} (${result.pageCount ?? 'no'} pages, ${report.chunks.length} chunk${report.chunks.length === 1 ? '' : 's'}, ` +
      `${generator.provider}/${generator.model}); ${report.rejected} rejected (${rejectionSummary(report.rejections)}); ` +
      `${report.usage.inputTokens} input and ${report.usage.outputTokens} output tokens${options.out ? `; written to ${options.out}` : ''}.\n`,
  );
  // What reading found (pages read by OCR, pages without text, hidden slides), as the document status says it.
  for (const warning of result.reading.warnings ?? []) process.stderr.write(`${warning.message}\n`);
}

/** "ungrounded 2, answer_in_question 1", or "none". */
const rejectionSummary = (rejections: Record<string, number | undefined>): string =>
  Object.entries(rejections)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ') || 'none';
