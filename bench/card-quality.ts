/**
 * Card quality of the offline generator on real documents: every document in ../shared/corpus/ (and any folder
 * given) through extraction and the whole generation pipeline (grounding, card-quality rules, de-duplication,
 * coverage), as a document upload runs it.
 *
 *   npx tsx bench/card-quality.ts [folder ...] [--max-cards 30] [--out bench/results/card-quality]
 *
 * A folder may also hold .md course notes (e.g. examples/). The corpus is found at ../shared/corpus.
 *
 * Prints per document: cards stored, proposals rejected by reason, the share of stored cards passing every
 * rule (hard and soft), coverage (pages or sections with a card against min(N, max_cards) x 0.8, N being the
 * pages or sections whose text has facts), near-duplicates, split numbers, median answer length, and time.
 * Writes a Markdown sample of each document's cards to --out for a person to read. Exit code 1 when a target
 * is missed: >= 95% pass every rule, coverage, 0 split numbers, median answer <= 25 words.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  brokenRules,
  coverageOf,
  generateGroundedDrafts,
  isCoreError,
  ruleLanguages,
  type CardGenerator,
  type ExtractedDocument,
  type GroundedCard,
} from '../src/core/index.js';
import { DocumentTextExtractor } from '../src/infra/extract/index.js';
import { formatFromName } from '../src/infra/extract/detect-format.js';
import { OfflineCardGenerator } from '../src/infra/llm/offline/offline-card-generator.js';
import { deckQuality, QUALITY_TARGETS as TARGET } from '../test/support/card-quality-targets.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'max-cards': { type: 'string', default: '30' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, 'results/card-quality') },
  },
});
const maxCards = Number(args['max-cards']);
/** ../shared/corpus next to the repository (a checkout) or next to its parent (a worktree under wt/). */
const corpus = ['../../shared/corpus', '../../../shared/corpus']
  .map((p) => path.resolve(import.meta.dirname, p))
  .find((p) => existsSync(p));
const folders = [...(corpus ? [corpus] : []), ...positionals.map((p) => path.resolve(p))];
function sample(name: string, cards: GroundedCard[], languages: ReturnType<typeof ruleLanguages>): string {
  const lines = [`# ${name}`, '', `${cards.length} cards (offline generator).`, ''];
  cards.forEach((c, i) => {
    const broken = brokenRules(c, languages);
    lines.push(
      `${i + 1}. **Q:** ${c.question}`,
      `   **A:** ${c.answer}`,
      `   *${c.source}*${broken.length ? ` (breaks: ${broken.join(', ')})` : ''}`,
      '',
    );
  });
  return lines.join('\n');
}

const extractor = new DocumentTextExtractor();
const offline = new OfflineCardGenerator();
/** Time spent inside the generator alone (the < 2 s target), apart from grounding and the rules. */
let generatorMs = 0;
const generator: CardGenerator = {
  provider: offline.provider,
  model: offline.model,
  maxChunkChars: offline.maxChunkChars,
  async generate(request) {
    const started = performance.now();
    try {
      return await offline.generate(request);
    } finally {
      generatorMs += performance.now() - started;
    }
  },
};
await mkdir(args.out!, { recursive: true });
let missed = 0;
console.log(
  `max_cards ${maxCards}; targets: >= ${TARGET.passing * 100}% pass every rule, coverage >= min(N, max_cards) x ${TARGET.coverage}, 0 split numbers, median answer <= ${TARGET.medianWords} words`,
);
for (const folder of folders) {
  // The corpus README describes the corpus; it is not one of its documents.
  const files = (await readdir(folder)).filter((f) => /\.(pdf|docx|txt|md|markdown)$/iu.test(f) && f !== 'README.md').sort();
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(path.join(folder, file)));
    let doc: ExtractedDocument;
    try {
      doc = await extractor.extract(bytes, formatFromName(bytes.length, file).format);
    } catch (error) {
      if (!isCoreError(error)) throw error;
      console.log(`\n${file}: refused (${error.code}): ${error.message}`);
      continue;
    }
    generatorMs = 0;
    const started = performance.now();
    const report = await generateGroundedDrafts({ doc, documentName: file, generator, maxCards, concurrency: 1 });
    const ms = performance.now() - started;
    const languages = ruleLanguages(report.language, doc.language);
    const cards = report.cards;
    const q = deckQuality(doc, report, maxCards);
    const ok = q.meetsTargets;
    if (!ok) missed++;
    const reasons =
      Object.entries(report.rejections)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ') || 'none';
    console.log(
      `\n${file} (${doc.pageCount ?? 'no'} pages, ${doc.language ?? '?'}; generator ${Math.round(generatorMs)} ms, whole pipeline ${Math.round(ms)} ms)${ok ? '' : '  <-- target missed'}\n` +
        `  cards ${cards.length}; rejected ${report.rejected} (${reasons})\n` +
        `  pass every rule ${q.passing}/${q.cards} (${(q.share * 100).toFixed(0)}%); near-duplicates dropped ${report.duplicates}; split numbers ${q.splitNumbers}\n` +
        `  coverage ${q.covered} ${q.paged ? 'pages' : 'sections'} (target ${q.wantedCoverage} of ${q.withFacts} with facts); ` +
        `${coverageOf(cards).sections_with_cards} sections; median answer ${q.medianAnswerWords} words`,
    );
    await writeFile(path.join(args.out!, `${file}.md`), sample(file, cards, languages));
  }
}
console.log(`\nSamples written to ${args.out}.`);
process.exitCode = missed > 0 ? 1 : 0;
