/**
 * PowerPoint extraction benchmark (issue 14): a 60-slide deck built in code (title, three bullets and speaker
 * notes per slide, part names in reverse of the shown order), extracted with the real extractor. Baseline in
 * the same run: the same text as a DOCX (one heading and three paragraphs per page), through the DOCX reader.
 *
 *   npx tsx bench/pptx-extract.ts [--slides 60] [--runs 9]
 */
import { parseArgs } from 'node:util';
import { Document, HeadingLevel, Packer, PageBreak, Paragraph } from 'docx';
import { DocumentTextExtractor } from '../src/infra/extract/index.js';
import { largePptx } from '../test/fixtures/pptx-fixtures.js';

const { values: args } = parseArgs({ options: { slides: { type: 'string', default: '60' }, runs: { type: 'string', default: '9' } } });
const slides = Number(args.slides);
const runs = Math.max(1, Number(args.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pptx = largePptx(slides);
const docx = new Uint8Array(
  await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: Array.from({ length: slides }, (_, i) => [
            new Paragraph({ text: `Topic ${i + 1}: Cellular process ${i + 1}`, heading: HeadingLevel.HEADING_1 }),
            new Paragraph(`Process ${i + 1} converts substrate ${i + 1} into product ${i + 2} inside the cell.`),
            new Paragraph(`Enzyme E${i + 1} speeds up process ${i + 1} by lowering its activation energy.`),
            new Paragraph(`Without process ${i + 1}, the cell cannot divide normally.`),
            new Paragraph({ children: [new PageBreak()] }),
          ]).flat(),
        },
      ],
    }),
  ),
);

const extractor = new DocumentTextExtractor();
const time = async (bytes: Uint8Array, format: 'pptx' | 'docx') => {
  const start = process.hrtime.bigint();
  const doc = await extractor.extract(bytes, format);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, doc };
};

const cold = { pptx: await time(pptx, 'pptx'), docx: await time(docx, 'docx') };
const warm = { pptx: [] as number[], docx: [] as number[] };
for (let r = 0; r < runs; r++) {
  // Alternated, so load from other processes on a shared machine hits both alike.
  warm.pptx.push((await time(pptx, 'pptx')).ms);
  warm.docx.push((await time(docx, 'docx')).ms);
}
const doc = cold.pptx.doc;
const withText = doc.pages?.filter((p) => p.method === 'text').length ?? 0;
console.log(`PPTX: ${slides} slides, ${(pptx.byteLength / 1024).toFixed(0)} KB; DOCX baseline ${(docx.byteLength / 1024).toFixed(0)} KB`);
console.log(`slides with text ${withText}/${doc.pageCount}; segments ${doc.segments.length} (slide text + notes)`);
console.log(`cold: PPTX ${cold.pptx.ms.toFixed(0)} ms, DOCX ${cold.docx.ms.toFixed(0)} ms`);
console.log(
  `warm median of ${runs}: PPTX ${median(warm.pptx).toFixed(1)} ms (${(median(warm.pptx) / slides).toFixed(2)} ms/slide), ` +
    `DOCX ${median(warm.docx).toFixed(1)} ms; PPTX/DOCX ${(median(warm.pptx) / median(warm.docx)).toFixed(2)}`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
