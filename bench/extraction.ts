/**
 * Extraction benchmark: our PDF extractor against poppler's `pdftotext` on the same book in the same run,
 * plus DOCX speed and the refusal of a PDF whose fonts have no Unicode mapping.
 *
 *   npx tsx bench/extraction.ts [--corpus ../shared/corpus] [--runs 5]
 *
 * Runs alternate between the two tools so that load from other processes on a shared machine hits both alike;
 * the figures are medians of warm runs (the first, cold run of each is reported apart).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExtractedDocument } from '../src/core/index.js';
import { isCoreError } from '../src/core/index.js';
import { DocumentTextExtractor } from '../src/infra/extract/index.js';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.CORPUS_DIR ?? path.resolve(import.meta.dirname, '../../shared/corpus') },
    runs: { type: 'string', default: '5' },
  },
});
const corpus = path.resolve(args.corpus!);
const runs = Math.max(1, Number(args.runs));
const file = (name: string) => {
  const full = path.join(corpus, name);
  if (!existsSync(full)) {
    console.error(`Missing ${full}. Pass --corpus <dir> (or CORPUS_DIR) pointing at the folder with the benchmark documents.`);
    process.exit(2);
  }
  return full;
};

const extractor = new DocumentTextExtractor();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;
const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);

async function timeOurs(bytes: Uint8Array, format: 'pdf' | 'docx'): Promise<{ ms: number; doc: ExtractedDocument }> {
  const started = performance.now();
  const doc = await extractor.extract(bytes, format);
  return { ms: performance.now() - started, doc };
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const scratch = mkdtempSync(path.join(tmpdir(), 'opendeck-bench-'));
function timePdftotext(pdf: string): { ms: number; text: string } {
  const out = path.join(scratch, 'out.txt');
  const started = performance.now();
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, out]);
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr.toString()}`);
  return { ms, text: readFileSync(out, 'utf8') };
}

// --- PDF: freeculture.pdf, ours vs pdftotext ---------------------------------------------------------------
const bookPath = file('freeculture.pdf');
const book = new Uint8Array(readFileSync(bookPath));
const cold = await timeOurs(book, 'pdf');
const coldPoppler = hasPdftotext ? timePdftotext(bookPath) : null;
const ours: number[] = [];
const poppler: number[] = [];
let doc = cold.doc;
for (let i = 0; i < runs; i++) {
  const run = await timeOurs(book, 'pdf');
  ours.push(run.ms);
  doc = run.doc;
  if (hasPdftotext) poppler.push(timePdftotext(bookPath).ms);
}
const pages = doc.pageCount ?? 0;
const covered = new Set(doc.segments.map((s) => s.page)).size;
const sections = new Set(doc.segments.map((s) => s.section).filter((s) => s !== null)).size;
const ourLetters = letters(doc.segments.map((s) => s.text).join('\n'));

console.log(`\nPDF ${path.basename(bookPath)}: ${pages} pages, ${runs} warm runs each (median)\n`);
console.log('tool          cold ms  warm ms  ms/page   letters');
console.log(`opendeck     ${fmt(cold.ms)} ${fmt(median(ours))} ${fmt(median(ours) / pages, 2)} ${fmt(ourLetters).padStart(9)}`);
if (hasPdftotext && coldPoppler) {
  const popplerText = timePdftotext(bookPath).text;
  console.log(
    `pdftotext    ${fmt(coldPoppler.ms)} ${fmt(median(poppler))} ${fmt(median(poppler) / pages, 2)} ${fmt(letters(popplerText)).padStart(9)}`,
  );
  const ratio = median(ours) / median(poppler);
  console.log(`\nratio opendeck / pdftotext: ${ratio.toFixed(2)}x (target: within 4x) -> ${ratio <= 4 ? 'MET' : 'MISSED'}`);
} else {
  console.log('\npdftotext not found, so no comparison. Install it with: apt-get install -y poppler-utils');
}
console.log(
  `pages with text: ${covered}/${pages}; sections found: ${sections}; title: ${JSON.stringify(doc.title)}; language: ${doc.language}`,
);

// --- DOCX: freeculture-derived.docx ---------------------------------------------------------------------------
const docxPath = file('freeculture-derived.docx');
const docxBytes = new Uint8Array(readFileSync(docxPath));
const docxCold = await timeOurs(docxBytes, 'docx');
const docxRuns: number[] = [];
for (let i = 0; i < runs; i++) docxRuns.push((await timeOurs(docxBytes, 'docx')).ms);
const docxSections = new Set(docxCold.doc.segments.map((s) => s.section).filter((s) => s !== null)).size;
console.log(
  `\nDOCX ${path.basename(docxPath)}: cold ${docxCold.ms.toFixed(0)} ms, warm ${median(docxRuns).toFixed(0)} ms (median), ` +
    `${docxSections} sections, pageCount ${docxCold.doc.pageCount}, ${letters(docxCold.doc.segments.map((s) => s.text).join(''))} letters`,
);

// --- TAMReview.pdf: fonts without a Unicode mapping must be refused ------------------------------------------
const tamPath = file('TAMReview.pdf');
const refused = await extractor.extract(new Uint8Array(readFileSync(tamPath)), 'pdf').then(
  () => null,
  (e: unknown) => e,
);
const tamOk = isCoreError(refused) && refused.code === 'unprocessable';
console.log(
  `\n${path.basename(tamPath)}: ${tamOk ? `refused (${refused.code}): ${refused.message}` : 'NOT REFUSED: garbage text would reach the model'}`,
);

console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(scratch, { recursive: true, force: true });
if (!tamOk || covered === 0) process.exitCode = 1;
