/**
 * Issue 14 through the real app (OCR on, the worker-thread pool, the offline generator): cards from a scanned
 * PDF, a mixed PDF and a photo cite the page their quote is on, carry OCR's confidence, and the document's
 * status says which pages were read by OCR and which had no text. Slow tier: real tesseract.js.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fx from '../fixtures/index.js';
import { buildDocumentTestApp, normalised, uploadOne } from '../http/documents-support.js';
import { call, signUp, type SignedIn } from '../http/support.js';

const t = buildDocumentTestApp({ env: { OCR: 'on' } });
const { app } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
const get = (path: string) => call(app, 'GET', `/api/v1${path}`, { token: user.access });

async function generateFrom(name: string, bytes: Uint8Array) {
  const body = await uploadOne(app, user.access, { name, bytes }, { metadata: { title: name } });
  await t.queue.drain();
  const doc = (await get(`/documents/${body.documents[0].id}`)).body;
  const cards = (await get(`/decks/${body.deck_id}/cards?limit=100`)).body.items;
  return { doc, cards };
}

/** Every card quotes the known text of the page it cites, and says how sure OCR was where OCR read it. */
function expectCited(cards: any[], name: string, pages: Record<number, readonly string[]>, ocrPages: number[]) {
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    const page = card.source_ref.page as number;
    expect(Object.keys(pages).map(Number)).toContain(page);
    expect(normalised(pages[page]!.join(' '))).toContain(normalised(card.source_ref.quote));
    expect(card.source).toMatch(new RegExp(`^${name.replace('.', '\\.')} - Page ${page}(,|$)`));
    expect(card.source_ref.kind).toBe('page');
    if (ocrPages.includes(page)) expect(card.source_ref.ocr_confidence).toBeGreaterThan(0.8);
    else expect(card.source_ref).not.toHaveProperty('ocr_confidence');
  }
}

describe('documents read by OCR', () => {
  it('a scanned PDF: cards cite the scanned page they quote, with OCR confidence', async () => {
    const { doc, cards } = await generateFrom('Photosynthesis scan.pdf', await fx.scannedPdf(fx.SCANNED_PAGES));
    expect(doc).toMatchObject({ status: 'completed', page_count: 2 });
    expect(doc.detail).toContain('Pages 1 and 2 were pictures of text, read by OCR (text recognition).');
    expectCited(cards, 'Photosynthesis scan.pdf', { 1: fx.SCANNED_PAGES[0]!, 2: fx.SCANNED_PAGES[1]! }, [1, 2]);
  });

  it('a mixed PDF: text-layer cards carry no confidence; the status names the OCR page and the empty one', async () => {
    const { doc, cards } = await generateFrom('Respiration.pdf', await fx.mixedPdf());
    expect(doc).toMatchObject({ status: 'completed', page_count: 3 });
    expect(doc.detail).toBe(
      'Page 2 was a picture of text, read by OCR (text recognition). Page 3 had no text to read, so no card cites it.',
    );
    expectCited(cards, 'Respiration.pdf', { 1: fx.MIXED_TEXT_PAGE, 2: fx.MIXED_SCANNED_PAGE }, [2]);
  });

  it('a photo of a page of notes: one page, cited as page 1', async () => {
    const { doc, cards } = await generateFrom('immune.png', fx.photoOfPagePng());
    expect(doc).toMatchObject({ error_message: null, status: 'completed', page_count: 1, format: 'png', content_type: 'image/png' });
    expectCited(cards, 'immune.png', { 1: fx.PHOTO_LINES }, [1]);
  });
});
