/** Issue 14: PowerPoint decks become cards that cite their slides; hostile decks are refused like DOCX. */
import { beforeAll, describe, expect, it } from 'vitest';
import { LECTURE_SLIDES, lecturePptx, pngImage, zipBombPptx } from '../fixtures/index.js';
import { buildDocumentTestApp, normalised, uploadOne, upload } from './documents-support.js';
import { call, expectProblem, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
const get = (path: string) => call(app, 'GET', `/api/v1${path}`, { token: user.access });

/** Everything a card may quote from slide n (1-based, shown order): title, body, table rows and notes. */
const slideText = (n: number) => {
  const s = LECTURE_SLIDES[n - 1]!;
  return [s.title ?? '', ...(s.body ?? []), ...(s.table ?? []).map((row) => row.join(' | ')), ...(s.notes ?? [])].join(' ');
};

describe('PowerPoint upload and generation', () => {
  it('cards cite "Slide N" of the shown order, quote that slide, and never the hidden one', async () => {
    const body = await uploadOne(app, user.access, { name: 'Lecture3.pptx', bytes: lecturePptx() }, { metadata: { title: 'Cells' } });
    expect(body.documents[0]).toMatchObject({
      format: 'pptx',
      content_type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    });
    await t.queue.drain();
    const doc = (await get(`/documents/${body.documents[0].id}`)).body;
    expect(doc).toMatchObject({ status: 'completed', page_count: 4 });
    expect(doc.detail).toContain('Slide 3 is hidden in the presentation and was left out.');
    const cards = (await get(`/decks/${body.deck_id}/cards?limit=100`)).body.items;
    expect(cards.length).toBeGreaterThan(2);
    const cited = new Set<number>();
    for (const card of cards) {
      const slide = card.source_ref.page as number;
      cited.add(slide);
      expect(slide).not.toBe(3);
      expect(card.source_ref.kind).toBe('slide');
      expect(card.source_ref).not.toHaveProperty('ocr_confidence');
      expect(normalised(slideText(slide))).toContain(normalised(card.source_ref.quote));
      expect(card.source).toMatch(new RegExp(`^Lecture3\\.pptx - Slide ${slide}(,|$)`));
      if (card.source_ref.section?.endsWith('Speaker notes'))
        expect(LECTURE_SLIDES[slide - 1]!.notes?.join(' ')).toContain(card.source_ref.quote);
    }
    // The deck's slide files are stored out of order; cards from slides 1, 2 and 4 show that order was followed.
    expect([...cited].every((n) => [1, 2, 4].includes(n))).toBe(true);
    expect(cited.size).toBeGreaterThan(1);
  });

  it('a PPTX zip bomb is refused at upload, before anything is stored', async () => {
    const res = await upload(app, [{ name: 'bomb.pptx', bytes: zipBombPptx(16) }], { token: user.access });
    expect(expectProblem(res, 422, 'unprocessable').detail).toMatch(/^This PowerPoint presentation was refused .*zip bomb/);
    expect((await get('/documents')).body.items.some((d: any) => d.filename === 'bomb.pptx')).toBe(false);
  });

  it('a .pptx that is really a Word document, or a .ppt, is a 415 with a sentence saying what to do', async () => {
    const ppt = await upload(app, [{ name: 'old.ppt', bytes: 'not really' }], { token: user.access });
    expect(expectProblem(ppt, 415, 'unsupported_media_type').detail).toMatch(/saved as \.pptx/);
    const image = await upload(app, [{ name: 'slides.pptx', bytes: pngImage() }], { token: user.access });
    expect(expectProblem(image, 415, 'unsupported_media_type').detail).toMatch(
      /PowerPoint \(\.pptx\) presentation, but it contains a PNG image/,
    );
  });

  it('with OCR off, photos of pages are refused at upload and say why', async () => {
    const res = await upload(app, [{ name: 'notes.png', bytes: pngImage() }], { token: user.access });
    expect(expectProblem(res, 415, 'unsupported_media_type').detail).toMatch(/OCR\), which is turned off/);
  });
});
