/**
 * `opendeck generate <file>`: the same extraction, generation and grounding pipeline as the service, with no
 * server and no database. Cards go to stdout (JSON) or to --out as .json or .csv; progress goes to stderr.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { Config } from '../../config.js';
import { generateGroundedDrafts, type GroundedCard } from '../../core/index.js';
import { DocumentFormatDetector, DocumentTextExtractor } from '../../infra/extract/index.js';
import { createGeneratorRegistry } from '../../wiring/generator-registry.js';

export interface GenerateOptions {
  provider?: string;
  model?: string;
  maxCards?: string;
  language?: string;
  out?: string;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5000) throw new Error(`${name} must be a whole number from 1 to 5000 (got "${value}").`);
  return n;
}

export function cardsAsRecords(documentName: string, cards: GroundedCard[]) {
  return cards.map((c) => ({
    question: c.question,
    answer: c.answer,
    source: c.source,
    source_ref: { document_name: documentName, page: c.page, section: c.section, quote: c.quote },
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

export async function runGenerate(file: string, options: GenerateOptions, config: Config): Promise<void> {
  if (options.out && !['.json', '.csv'].includes(path.extname(options.out).toLowerCase())) {
    throw new Error(`--out must end in .json or .csv (got "${options.out}").`);
  }
  if (options.language && !/^[a-z]{2}$/i.test(options.language)) throw new Error('--language must be a two-letter code such as en or es.');
  const maxCards = positiveInt(options.maxCards, '--max-cards', config.ai.defaultMaxCards);
  const bytes = new Uint8Array(
    await readFile(file).catch((e: NodeJS.ErrnoException) =>
      Promise.reject(new Error(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`)),
    ),
  );
  const documentName = path.basename(file);
  const format = await new DocumentFormatDetector().detect(bytes, documentName);
  const generator = createGeneratorRegistry(config.ai).get(options.provider, options.model);

  const bar = new SingleBar({
    format: ' {phase} [{bar}] {percentage}% | {value}/{total}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
  // Without a terminal (CI logs, pipes) the bar prints a plain line every 2 s instead of redrawing.
  bar.start(1, 0, { phase: 'reading   ' });
  const doc = await new DocumentTextExtractor().extract(bytes, format, {
    onProgress: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
  });
  bar.start(1, 0, { phase: 'generating' });
  const report = await generateGroundedDrafts({
    doc,
    documentName,
    generator,
    language: options.language?.toLowerCase() ?? null,
    maxCards,
    concurrency: config.ai.concurrency,
    onProgress: ({ chunksDone, chunksTotal }) => {
      bar.setTotal(chunksTotal);
      bar.update(chunksDone);
    },
  });
  bar.stop();

  const output = render(cardsAsRecords(documentName, report.cards), options.out);
  if (options.out) await writeFile(options.out, output);
  else process.stdout.write(output);
  process.stderr.write(
    `${report.cards.length} cards from ${documentName} (${doc.pageCount ?? 'no'} pages, ${report.chunks.length} chunk${report.chunks.length === 1 ? '' : 's'}, ` +
      `${generator.provider}/${generator.model}); ${report.rejected} rejected by source checks, ${report.duplicates} near-duplicates dropped; ` +
      `${report.usage.inputTokens} input and ${report.usage.outputTokens} output tokens${options.out ? `; written to ${options.out}` : ''}.\n`,
  );
}
