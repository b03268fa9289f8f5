/**
 * OCR benchmark (issue 14): a 10-page scanned PDF built in code (pages of English prose drawn at 300 dpi, the
 * pictures wrapped in a PDF with no text layer), read by the real extractor: pdf.js renders each page at
 * 200 dpi, tesseract.js reads it. Prints time per page, character accuracy against the known text, and peak
 * RSS. Baseline in the same run: the same pages as a PDF with a real text layer (no OCR).
 *
 *   npx tsx bench/ocr.ts [--pages 10] [--scan-dpi 300] [--dpi 200]   (--dpi: what pages are drawn at for OCR)
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DocumentTextExtractor } from '../src/infra/extract/index.js';
import { scannedPdf } from '../test/fixtures/scan-fixtures.js';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '10' },
    'scan-dpi': { type: 'string', default: '300' },
    dpi: { type: 'string', default: '200' },
  },
});
const pageCount = Number(args.pages);
const scanDpi = Number(args['scan-dpi']);

const SENTENCES = [
  'The cell is the basic unit of structure and function in all living things.',
  'Prokaryotic cells lack a nucleus, while eukaryotic cells keep their DNA inside one.',
  'The plasma membrane is a phospholipid bilayer that controls what enters the cell.',
  'Mitochondria convert the energy stored in glucose into ATP during cellular respiration.',
  'Ribosomes read messenger RNA and join amino acids into a chain of protein.',
  'The rough endoplasmic reticulum is studded with ribosomes and folds new proteins.',
  'Vesicles carry proteins from the Golgi apparatus to the membrane or to lysosomes.',
  'Lysosomes contain enzymes that break down worn-out organelles and food particles.',
  'Chloroplasts capture light energy and store it in sugar during photosynthesis.',
  'The cytoskeleton, built from microtubules and actin filaments, gives the cell its shape.',
  'During mitosis, the duplicated chromosomes are pulled to opposite poles of the cell.',
  'Meiosis halves the number of chromosomes and produces four genetically distinct cells.',
];

/** Page k: a heading and 24 lines of prose, each line about 70 characters, cycling through the sentences. */
function pageLines(k: number): string[] {
  const words = Array.from({ length: 20 }, (_, i) => SENTENCES[(k * 5 + i) % SENTENCES.length]!)
    .join(' ')
    .split(' ');
  const lines = [`Chapter ${k + 1}: The living cell, part ${k + 1}`, ''];
  let line = '';
  for (const word of words) {
    if (line.length + word.length + 1 > 70) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    if (lines.length >= 26) break;
  }
  return lines;
}

const pages = Array.from({ length: pageCount }, (_, k) => pageLines(k));
const truth = pages.map((lines) => lines.filter(Boolean).join(' '));

async function textLayerPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    for (const [i, line] of lines.entries()) if (line) page.drawText(line, { x: 72, y: 720 - i * 19.2, size: 12, font });
  }
  return pdf.save();
}

/** Levenshtein distance with two rows: the pages are a few thousand characters. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

console.log(`OCR at ${args.dpi} dpi`);
const scanned = await scannedPdf(pages, { dpi: scanDpi, pointSize: 12 });
const plain = await textLayerPdf();
const ocr = new DocumentTextExtractor({ ocr: { languages: ['eng'], dpi: Number(args.dpi) } });

let start = process.hrtime.bigint();
const baseline = await ocr.extract(plain, 'pdf');
const baselineMs = Number(process.hrtime.bigint() - start) / 1e6;

const stamps: number[] = [];
const cpuBefore = process.cpuUsage();
start = process.hrtime.bigint();
const cpuStamps: number[] = [];
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
const doc = await ocr.extract(scanned, 'pdf', {
  onProgress: () => {
    stamps.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuStamps.push(cpuMsSince(cpuBefore));
  },
});
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuBefore);
// CPU time of every thread of the process (this one draws pages, tesseract's reads them): on a machine shared
// with other jobs, wall time says more about the neighbours than about OCR.
const cpuMs = (cpu.user + cpu.system) / 1000;
const perPage = stamps.map((t, i) => t - (stamps[i - 1] ?? 0));

const accuracy = truth.map((expected, i) => {
  const read = norm(
    doc.segments
      .filter((s) => s.page === i + 1)
      .map((s) => s.text)
      .join(' '),
  );
  return 1 - editDistance(read, expected) / expected.length;
});
const sorted = [...perPage].sort((a, b) => a - b);
const chars = truth.reduce((n, t) => n + t.length, 0);
const overall = 1 - truth.reduce((n, t, i) => n + (1 - accuracy[i]!) * t.length, 0) / chars;

console.log(
  `scanned PDF: ${pageCount} pages, ${(scanned.byteLength / 1024).toFixed(0)} KB (JPEG pages at ${scanDpi} dpi), ${chars} characters of text`,
);
console.log(`methods: ${doc.pages?.map((p) => p.method).join(',')}; confidence ${doc.pages?.map((p) => p.ocrConfidence).join(',')}`);
console.log(
  `total ${(totalMs / 1000).toFixed(1)} s; per page: mean ${(totalMs / pageCount / 1000).toFixed(2)} s, median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)} s, slowest ${(sorted.at(-1)! / 1000).toFixed(2)} s, first (with tesseract start) ${(perPage[0]! / 1000).toFixed(2)} s`,
);
console.log(
  `CPU ${(cpuMs / 1000).toFixed(1)} s in all (${(cpuMs / pageCount / 1000).toFixed(2)} s a page; with the two stages overlapped on 2 cores, wall time per page approaches the larger stage); load average now ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// After the first page: tesseract's start (WebAssembly compile, language data) is paid once per document.
const steadyCpu = (cpuStamps.at(-1)! - cpuStamps[0]!) / Math.max(1, pageCount - 1);
console.log(
  `CPU a page after the first: ${(steadyCpu / 1000).toFixed(2)} s; first page with tesseract's start ${(cpuStamps[0]! / 1000).toFixed(2)} s`,
);
console.log(`character accuracy: overall ${(overall * 100).toFixed(2)} %, worst page ${(Math.min(...accuracy) * 100).toFixed(2)} %`);
console.log(
  `baseline, same pages with a text layer: ${baselineMs.toFixed(0)} ms (${baseline.pages?.every((p) => p.method === 'text') ? 'no OCR' : 'OCR ran!'}); OCR/text ${(totalMs / baselineMs).toFixed(0)}x`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the process and tesseract's worker thread)`);
