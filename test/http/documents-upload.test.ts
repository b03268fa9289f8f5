/** From upload to grounded cards, through the real wiring: every format, batches, one-step generation, failures. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENGLISH_MARKDOWN,
  OUTLINE_PDF_PAGES,
  docxWithHeadingsAndPageBreaks,
  encryptedPdf,
  englishNotesMarkdown,
  englishNotesTxt,
  pdfWithFontHeadings,
  pdfWithOutline,
  pdfWithoutText,
  spanishNotesTxt,
  unmappedFontPdf,
} from '../fixtures/index.js';
import { buildDocumentTestApp, MB, normalised, notesOfSize, upload, uploadOne, type UploadFile } from './documents-support.js';
import { call, createDeck, isIsoUtc, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
const get = (path: string) => call(app, 'GET', `/api/v1${path}`, { token: user.access });
const cardsOf = async (deckId: string) => (await get(`/decks/${deckId}/cards?limit=100`)).body.items as any[];

const DOCUMENT_KEYS = [
  'cards_generated',
  'cards_rejected',
  'content_type',
  'created_at',
  'deck_id',
  'detail',
  'error_message',
  'estimated_cost_usd',
  'filename',
  'format',
  'generation',
  'id',
  'input_tokens',
  'language',
  'output_tokens',
  'page_count',
  'pages_with_cards',
  'processed_at',
  'progress',
  'rejections',
  'sections_with_cards',
  'sha256',
  'size_bytes',
  'status',
  'updated_at',
  'user_id',
];

describe('upload of each accepted format', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, string][] = [
    ['PDF with an outline', pdfWithOutline, 'Cells.pdf', 'application/pdf'],
    ['PDF with font headings', pdfWithFontHeadings, 'ecology.PDF', 'application/pdf'],
    ['DOCX', docxWithHeadingsAndPageBreaks, 'notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['TXT', englishNotesTxt, 'psych.txt', 'text/plain; charset=utf-8'],
    ['TXT with BOM and CRLF', spanishNotesTxt, 'biologia.txt', 'text/plain; charset=utf-8'],
    ['Markdown', englishNotesMarkdown, 'data.md', 'text/markdown; charset=utf-8'],
  ];
  it.each(cases)('%s: 201 with the stored document', async (_name, build, name, contentType) => {
    const bytes = await build();
    // A lying client type changes nothing: the type is detected.
    const body = await uploadOne(app, user.access, { name, bytes, type: 'image/gif' });
    expect(body.deck_id).toBeNull();
    expect(body.documents).toHaveLength(1);
    const doc = body.documents[0];
    expect(Object.keys(doc).sort()).toEqual(DOCUMENT_KEYS);
    expect(body.document_ids).toEqual([doc.id]);
    expect(doc).toMatchObject({
      user_id: user.userId,
      filename: name,
      content_type: contentType,
      size_bytes: bytes.byteLength,
      status: 'uploaded',
      progress: 0,
      cards_generated: 0,
      rejections: {},
      pages_with_cards: null,
      sections_with_cards: null,
      deck_id: null,
      generation: null,
      input_tokens: 0,
      estimated_cost_usd: null,
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(isIsoUtc(doc.created_at) && isIsoUtc(doc.updated_at)).toBe(true);
    expect((await get(`/documents/${doc.id}`)).body).toEqual(doc);
  });

  it('several files as repeated `files` parts, mixed with `file`', async () => {
    const files: UploadFile[] = [
      { name: 'a.txt', bytes: englishNotesTxt() },
      { name: 'b.md', bytes: englishNotesMarkdown() },
    ];
    const res = await upload(app, files, {
      token: user.access,
      field: 'files',
      extra: [['file', new File([await pdfWithOutline()], 'c.pdf')]],
    });
    expect(res.status).toBe(201);
    expect(res.body.documents.map((d: any) => d.filename).sort()).toEqual(['a.txt', 'b.md', 'c.pdf']);
    expect(res.body.document_ids).toEqual(res.body.documents.map((d: any) => d.id));
  });

  it("ten files of the maximum size are accepted: the app's 1 MB JSON limit does not apply here", async () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `big-${i}.txt`, bytes: notesOfSize(2 * MB) }));
    const res = await upload(app, files, { token: user.access });
    expect(res.status).toBe(201);
    expect(res.body.documents.every((d: any) => d.size_bytes === 2 * MB)).toBe(true);
  });

  it('a path in the filename is dropped: the name is for display only', async () => {
    const body = await uploadOne(app, user.access, { name: '../../etc/passwd.txt', bytes: englishNotesTxt() });
    expect(body.documents[0].filename).toBe('passwd.txt');
  });
});

describe('upload with metadata: one step from upload to cards', () => {
  it('creates the deck, queues generation, and ends with grounded cards', async () => {
    const metadata = { title: 'Data structures', description: 'Week 1', category: 'CS', difficulty: 'Beginner' };
    const res = await upload(app, [{ name: 'data.md', bytes: englishNotesMarkdown() }], { token: user.access, metadata });
    expect(res.status).toBe(201);
    const { deck_id: deckId, documents } = res.body;
    expect(deckId).toEqual(expect.any(String));
    expect(documents[0]).toMatchObject({
      status: 'pending',
      deck_id: deckId,
      generation: { deck_id: deckId, provider: 'offline', language: null },
    });
    expect((await get(`/decks/${deckId}`)).body).toMatchObject({ title: 'Data structures', category: 'CS', difficulty: 'beginner' });

    await t.queue.drain();
    const doc = (await get(`/documents/${documents[0].id}`)).body;
    expect(doc).toMatchObject({ status: 'completed', progress: 100, error_message: null, language: 'en', page_count: null });
    expect(isIsoUtc(doc.processed_at)).toBe(true);
    expect(doc.cards_generated).toBeGreaterThan(0);
    const cards = await cardsOf(deckId);
    expect(cards).toHaveLength(doc.cards_generated);
    expect((await get(`/decks/${deckId}`)).body.card_count).toBe(doc.cards_generated);
    for (const card of cards) {
      expect(card.source_ref).toMatchObject({ document_id: doc.id, document_name: 'data.md', page: null });
      expect(normalised(ENGLISH_MARKDOWN)).toContain(normalised(card.source_ref.quote));
      expect(card.source).toMatch(/^data\.md/);
    }
  });

  it('metadata may also come as a JSON file part, as some clients send it', async () => {
    const metadataPart = new Blob([JSON.stringify({ title: 'From a blob' })], { type: 'application/json' });
    const res = await upload(app, [{ name: 'a.txt', bytes: englishNotesTxt() }], {
      token: user.access,
      extra: [['metadata', metadataPart]],
    });
    expect(res.status).toBe(201);
    expect((await get(`/decks/${res.body.deck_id}`)).body.title).toBe('From a blob');
    await t.queue.drain();
  });

  it('PDF cards cite the page their quote is on', async () => {
    const body = await uploadOne(app, user.access, { name: 'Cells.pdf', bytes: await pdfWithOutline() }, { metadata: { title: 'Cells' } });
    await t.queue.drain();
    const cards = await cardsOf(body.deck_id!);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const page = OUTLINE_PDF_PAGES[card.source_ref.page - 1]!.join(' ');
      expect(normalised(page)).toContain(normalised(card.source_ref.quote));
      expect(card.source).toContain(`Page ${card.source_ref.page}`);
    }
  });

  it('into an own deck with deck_id; several files share one deck', async () => {
    const deck = await createDeck(app, user.access, { title: 'Existing' });
    const files = [
      { name: 'a.txt', bytes: englishNotesTxt() },
      { name: 'b.md', bytes: englishNotesMarkdown() },
    ];
    const res = await upload(app, files, { token: user.access, deckId: deck.id });
    expect(res.status).toBe(201);
    expect(res.body.deck_id).toBe(deck.id);
    await t.queue.drain();
    for (const id of res.body.document_ids)
      expect((await get(`/documents/${id}`)).body).toMatchObject({ status: 'completed', deck_id: deck.id });
    const cards = await cardsOf(deck.id);
    expect(new Set(cards.map((c) => c.source_ref.document_name))).toEqual(new Set(['a.txt', 'b.md']));
  });

  it('the same file twice into one deck does not store near-duplicate questions', async () => {
    const deck = await createDeck(app, user.access, { title: 'Twice' });
    await uploadOne(app, user.access, { name: 'a.md', bytes: englishNotesMarkdown() }, { deckId: deck.id });
    await t.queue.drain();
    const first = (await cardsOf(deck.id)).length;
    const again = await uploadOne(app, user.access, { name: 'a-copy.md', bytes: englishNotesMarkdown() }, { deckId: deck.id });
    await t.queue.drain();
    expect((await get(`/documents/${again.document_ids[0]}`)).body).toMatchObject({ status: 'completed', cards_generated: 0 });
    expect(await cardsOf(deck.id)).toHaveLength(first);
  });
});

describe('documents whose text cannot be read: accepted, then failed with a reason, never with cards', () => {
  it.each([
    ['an encrypted PDF', encryptedPdf, /password/i],
    ['a scanned PDF with no text', pdfWithoutText, /text/i],
    ['a PDF whose font has no Unicode mapping', () => unmappedFontPdf(), /text/i],
  ])('%s', async (_name, build, reason) => {
    const body = await uploadOne(app, user.access, { name: 'lecture.pdf', bytes: await build() }, { metadata: { title: 'Lecture' } });
    await t.queue.drain();
    const status = (await get(`/documents/${body.document_ids[0]}/status`)).body;
    expect(status).toMatchObject({ status: 'failed', cards_generated: 0 });
    expect(status.error_message).toMatch(reason);
    expect(status.error_message).not.toMatch(/Error:|undefined|\bat \w+ \(/);
    expect(await cardsOf(body.deck_id!)).toEqual([]);
    expect((await get(`/decks/${body.deck_id}`)).body.card_count).toBe(0);
  });
});
