/**
 * Whole-book generation benchmark: freeculture.pdf (352 pages) through extraction, chunking, the OpenAI
 * provider (real SDK) pointed at a local fake that answers in 300 ms with cards quoting the chunk it was
 * sent, grounding and de-duplication, with concurrency capped.
 *
 *   npx tsx bench/generation.ts [--pdf path] [--concurrency 4] [--latency-ms 300] [--chunk-chars 12000] [--max-cards 1500]
 *                               [--provider openai|offline]
 *
 * `--provider offline` runs the extractive generator instead (no fake server, no tokens).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateGroundedDrafts } from '../src/core/index.js';
import { DocumentTextExtractor } from '../src/infra/extract/index.js';
import { createCardGenerator, DEFAULT_LLM_SETTINGS } from '../src/infra/llm/create-card-generator.js';
import { groundedCards, startFakeOpenAi } from '../test/support/fake-llm/index.js';

const { values: args } = parseArgs({
  options: {
    pdf: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/corpus/freeculture.pdf') },
    concurrency: { type: 'string', default: '4' },
    'latency-ms': { type: 'string', default: '300' },
    'chunk-chars': { type: 'string', default: String(DEFAULT_LLM_SETTINGS.maxChunkChars) },
    'max-cards': { type: 'string', default: '1500' },
    provider: { type: 'string', default: 'openai' },
  },
});
const concurrency = Number(args.concurrency);
const latencyMs = Number(args['latency-ms']);

/** Peak resident memory, sampled: the figure that decides how many jobs a worker can run. */
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 10);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const bytes = new Uint8Array(await readFile(args.pdf!));
let started = performance.now();
const doc = await new DocumentTextExtractor().extract(bytes, 'pdf');
const extractMs = performance.now() - started;
sample();
const rssAfterExtraction = peakRss;

const offline = args.provider === 'offline';
const fake = offline ? null : await startFakeOpenAi({ latencyMs, fallback: { kind: 'cards', cards: groundedCards } });
const generator = createCardGenerator({
  ...DEFAULT_LLM_SETTINGS,
  provider: offline ? 'offline' : 'openai',
  openai: { apiKey: 'sk-bench', baseURL: `${fake?.url}/v1`, model: 'gpt-4o-mini' },
  maxChunkChars: Number(args['chunk-chars']),
});

started = performance.now();
const report = await generateGroundedDrafts({
  doc,
  documentName: path.basename(args.pdf!),
  generator,
  maxCards: Number(args['max-cards']),
  concurrency,
});
const generateMs = performance.now() - started;
clearInterval(sampler);
sample();
await fake?.close();

const pagesWithText = new Set(doc.segments.filter((s) => s.text.trim()).map((s) => s.page));
const pagesSent = new Set(report.chunks.flatMap((c) => c.segments.map((s) => s.page)));
const pagesCovered = [...pagesWithText].filter((p) => pagesSent.has(p)).length;
const pagesWithCards = new Set(report.cards.map((c) => c.page)).size;
const docChars = doc.segments.reduce((n, s) => n + s.text.length, 0);
const sentChars = report.chunks.reduce((n, c) => n + c.segments.reduce((m, s) => m + s.text.length, 0), 0);
const corrected = report.cards.filter((c) => c.grounding === 'corrected').length;
const idealMs = offline ? 0 : Math.ceil(report.chunks.length / concurrency) * latencyMs;

const rows: [string, string][] = [
  [
    'document',
    `${path.basename(args.pdf!)}: ${doc.pageCount} pages, ${pagesWithText.size} with text, ${docChars.toLocaleString('en')} chars`,
  ],
  ['extraction', `${(extractMs / 1000).toFixed(2)} s`],
  ['chunks (max chars)', `${report.chunks.length} (${args['chunk-chars']})`],
  [
    'generation total',
    offline
      ? `${(generateMs / 1000).toFixed(2)} s with the offline generator`
      : `${(generateMs / 1000).toFixed(2)} s at concurrency ${concurrency}, ${latencyMs} ms per call (ideal ${(idealMs / 1000).toFixed(2)} s)`,
  ],
  [
    'pages covered',
    `${pagesCovered}/${pagesWithText.size} (${((100 * pagesCovered) / pagesWithText.size).toFixed(1)}%); text sent ${((100 * sentChars) / docChars).toFixed(1)}% of extracted chars`,
  ],
  ['model calls', `${fake?.requests.length ?? 0} (${generator.provider} ${generator.model})`],
  [
    'input tokens',
    `${report.usage.inputTokens.toLocaleString('en')} (${(report.usage.inputTokens / pagesWithText.size).toFixed(0)} per page), output ${report.usage.outputTokens.toLocaleString('en')}`,
  ],
  [
    'cards',
    `${report.cards.length} stored (${corrected} page-corrected), ${report.rejected} rejected, ${report.duplicates} duplicates; ${pagesWithCards} pages have a card`,
  ],
  ['peak memory', `RSS ${mb(peakRss)} (after extraction ${mb(rssAfterExtraction)}), heap ${mb(peakHeap)}`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(20)} ${v}`);
