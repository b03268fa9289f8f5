/** Issue 14: PowerPoint text in the shown order, with titles as sections, tables, notes apart, hidden slides out. */
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { DocumentTextExtractor } from '../../../src/infra/extract/document-text-extractor.js';
import { detectDocumentFormat } from '../../../src/infra/extract/detect-format.js';
import { buildPptx, lecturePptx, largePptx, writeZip, zipBombPptx } from '../../fixtures/index.js';

const extractor = new DocumentTextExtractor();
const extract = (bytes: Uint8Array) => extractor.extract(bytes, 'pptx');
const refusal = async (bytes: Uint8Array) => {
  const error = await extract(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
};

describe('PPTX extraction', () => {
  it('reads slides in the order presentation.xml shows them, not in file-name order', async () => {
    const doc = await extract(lecturePptx());
    expect(doc).toMatchObject({ format: 'pptx', pageCount: 4, pageKind: 'slide', title: 'Lecture 3: The Cell', language: 'en' });
    expect(doc.segments.map((s) => [s.page, s.section])).toEqual([
      [1, 'Cell Structure'],
      [1, 'Cell Structure > Speaker notes'],
      [2, 'Mitochondria'],
      [4, 'Organelles and their functions'],
      [4, 'Organelles and their functions > Speaker notes'],
    ]);
    expect(doc.segments[0]!.text).toBe(
      'Cell Structure\nThe cell membrane controls what enters and leaves the cell.\nCytoplasm is the jelly-like fluid that fills the cell.',
    );
  });

  it('keeps speaker notes apart, tables row by row, and leaves out slide numbers and hidden slides', async () => {
    const doc = await extract(lecturePptx());
    const all = doc.segments.map((s) => s.text).join('\n');
    expect(doc.segments[1]!.text).toBe('Remind students that the membrane is selectively permeable to small molecules.');
    expect(doc.segments[3]!.text).toContain(
      'Ribosome | Protein synthesis from messenger RNA\nGolgi apparatus | Packaging and shipping of proteins',
    );
    expect(all).not.toMatch(/chloroplast secrets|Draft slide/);
    expect(all).not.toMatch(/^7$/m);
    expect(doc.pages).toEqual([1, 2, 4].map((page) => ({ page, method: 'text', ocrConfidence: null })));
    expect(doc.warnings).toEqual([
      { code: 'hidden_slides', pages: [3], message: 'Slide 3 is hidden in the presentation and was left out.' },
    ]);
  });

  it('names the deck after its first slide title when the file has no title', async () => {
    const doc = await extract(
      buildPptx([
        { body: ['No title here, only a long enough sentence about enzymes.'] },
        { title: 'Enzymes', body: ['Enzymes are proteins.'] },
      ]),
    );
    expect(doc.title).toBe('Enzymes');
    expect(doc.segments[0]).toMatchObject({ page: 1, section: null });
  });

  it('reports slides with no text, and refuses decks with nothing to read', async () => {
    const doc = await extract(buildPptx([{ title: 'Diagram' }, {}, { title: 'Words', body: ['Some words to learn from.'] }]));
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'no_text', pages: [2] })]);
    expect((await refusal(buildPptx([{}, {}]))).message).toMatch(/no text to make cards from/);
    expect((await refusal(buildPptx([{ title: 'Secret', hidden: true }]))).message).toMatch(/Every slide of this presentation is hidden/);
  });

  it('refuses archives without a slide list, zip bombs and broken archives with sentences naming PowerPoint', async () => {
    const noList = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'ppt/presentation.xml', data: '<p:presentation xmlns:p="x"/>' },
    ]);
    expect((await refusal(noList)).message).toMatch(/no slides/);
    expect(await refusal(zipBombPptx(16))).toMatchObject({
      code: 'unprocessable',
      message: expect.stringMatching(/^This PowerPoint presentation was refused/),
    });
    expect((await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).message).toMatch(
      /should contain a PowerPoint \(\.pptx\) presentation/,
    );
  });

  it('survives hostile XML: a part that is not XML reads as an empty slide, not a crash', async () => {
    const bytes = buildPptx([{ title: 'Fine', body: ['A readable slide about the nucleus.'] }], {
      extra: [{ name: 'ppt/slides/slide9.xml', data: '<<<not xml' }],
    });
    expect((await extract(bytes)).segments).toHaveLength(1);
  });

  it('is detected from its bytes, and a 60-slide deck reads every slide', async () => {
    expect(detectDocumentFormat(lecturePptx(), 'Lecture3.pptx')).toBe('pptx');
    const doc = await extract(largePptx(60));
    expect(doc.pageCount).toBe(60);
    expect(new Set(doc.segments.map((s) => s.page)).size).toBe(60);
    expect(doc.segments[0]!.section).toBe('Topic 1: Cellular process 1');
  });
});
