/** Every upload limit and type rule: each refusal is a problem document, and a refused upload stores nothing. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  legacyWordDoc,
  manyEntriesDocx,
  plainZip,
  pdfWithOutline,
  pngImage,
  unknownBinary,
  zipBombDocx,
  englishNotesTxt,
} from '../fixtures/index.js';
import { buildDocumentTestApp, MB, notesOfSize, send, upload, uploadForm, type UploadFile } from './documents-support.js';
import { createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const t = buildDocumentTestApp();
const { app, storage } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
let storedBefore = 0;
beforeEach(() => {
  storedBefore = storage.size;
});
const nothingStored = () => expect(storage.size).toBe(storedBefore);
const notes: UploadFile = { name: 'notes.txt', bytes: englishNotesTxt() };
const post = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
  send(app, 'POST', '/api/v1/documents/upload', { token: user.access, body, headers });

describe('upload: content type and form shape', () => {
  it.each([
    ['JSON', JSON.stringify({ file: 'notes' }), 'application/json'],
    ['plain text', 'hello', 'text/plain'],
    ['url-encoded form', 'file=notes', 'application/x-www-form-urlencoded'],
  ])('a %s body is a 415 naming multipart/form-data', async (_name, body, type) => {
    const problem = expectProblem(await post(body, { 'Content-Type': type }), 415, 'unsupported_media_type');
    expect(problem.detail).toMatch(/multipart\/form-data/);
  });

  it('a multipart body that cannot be parsed, or has no boundary, is a 400', async () => {
    const res = await post('--other\r\nnot a part\r\n', { 'Content-Type': 'multipart/form-data; boundary=missing' });
    expect(expectProblem(res, 400, 'bad_request').detail).toMatch(/multipart/);
    expectProblem(await post('--x\r\n', { 'Content-Type': 'multipart/form-data' }), 400, 'bad_request');
  });

  it('no file is a 422 naming file; a text field called file is a 422 too', async () => {
    const onlyMetadata = uploadForm([], { metadata: { title: 'Deck' } });
    expect(expectProblem(await post(onlyMetadata), 422, 'validation').errors?.map((e) => e.path)).toEqual(['file']);
    const form = new FormData();
    form.append('file', 'not a file');
    expect(expectProblem(await post(form), 422, 'validation').errors?.map((e) => e.path)).toEqual(['file']);
    nothingStored();
  });

  it('an empty file is a 422', async () => {
    const problem = expectProblem(await upload(app, [{ name: 'empty.txt', bytes: '' }], { token: user.access }), 422, 'validation');
    expect(problem.detail).toMatch(/empty/);
    nothingStored();
  });

  it('more than 10 files is a 422 naming files, and nothing is stored', async () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ ...notes, name: `notes-${i}.txt` }));
    const problem = expectProblem(await upload(app, files, { token: user.access }), 422, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['files']);
    nothingStored();
  });

  it('without a bearer token it is a 401, whatever the body', async () => {
    expectProblem(await send(app, 'POST', '/api/v1/documents/upload', { body: uploadForm([notes]) }), 401, 'unauthorized');
  });
});

describe('upload: metadata and deck_id', () => {
  it.each(['{"title": "Cells"', 'title=Cells', '{title: "Cells"}'])('malformed metadata %j is a 422 naming metadata', async (metadata) => {
    const problem = expectProblem(await upload(app, [notes], { token: user.access, metadata }), 422, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['metadata']);
    nothingStored();
  });

  it('metadata above 16 KB is a 422, before it is parsed', async () => {
    const metadata = JSON.stringify({ title: 'Cells', description: 'd'.repeat(17 * 1024) });
    expect(expectProblem(await upload(app, [notes], { token: user.access, metadata }), 422, 'validation').errors?.[0]?.path).toBe(
      'metadata',
    );
  });

  it('metadata that is JSON but not an object, or with invalid deck fields, is a 422', async () => {
    expect(
      expectProblem(await upload(app, [notes], { token: user.access, metadata: '["Cells"]' }), 422, 'validation').errors?.[0]?.path,
    ).toBe('metadata');
    const longTitle = await upload(app, [notes], { token: user.access, metadata: { title: 't'.repeat(201) } });
    expect(expectProblem(longTitle, 422, 'validation').errors?.map((e) => e.path)).toEqual(['title']);
    nothingStored();
  });

  it("a malformed deck_id is a 422; an unknown or another user's deck is a 404, and nothing is stored", async () => {
    expectProblem(await upload(app, [notes], { token: user.access, deckId: 'not-a-uuid' }), 422, 'validation');
    expectProblem(await upload(app, [notes], { token: user.access, deckId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
    const other = await signUp(app);
    const foreignDeck = await createDeck(app, other.access, { title: 'Not yours' });
    expectProblem(await upload(app, [notes], { token: user.access, deckId: foreignDeck.id }), 404, 'not_found');
    nothingStored();
  });
});

describe('upload: file types are judged by content and extension together', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, RegExp][] = [
    ['a PNG named .pdf', pngImage, 'scan.pdf', /PNG image/],
    ['text named .pdf', englishNotesTxt, 'notes.pdf', /plain text/],
    ['a PDF named .docx', pdfWithOutline, 'cells.docx', /PDF/],
    ['a PDF named .txt', pdfWithOutline, 'cells.txt', /PDF/],
    ['an old .doc renamed .docx', legacyWordDoc, 'essay.docx', /\.docx/],
    ['a plain ZIP named .docx', plainZip, 'archive.docx', /ZIP/],
    ['unknown binary named .md', unknownBinary, 'notes.md', /binary/],
    ['an executable extension', englishNotesTxt, 'setup.exe', /\.exe/],
    ['no extension', englishNotesTxt, 'README', /extension/],
  ];
  it.each(cases)('%s is a 415 that says what it found', async (_name, build, filename, said) => {
    // The client's claimed type is ignored either way.
    const res = await upload(app, [{ name: filename, bytes: await build(), type: 'application/pdf' }], { token: user.access });
    expect(expectProblem(res, 415, 'unsupported_media_type').detail).toMatch(said);
    nothingStored();
  });

  it('one bad file in a batch refuses the whole batch', async () => {
    const files = [notes, { name: 'cells.pdf', bytes: await pdfWithOutline() }, { name: 'photo.pdf', bytes: pngImage() }];
    expectProblem(await upload(app, files, { token: user.access }), 415, 'unsupported_media_type');
    nothingStored();
  });
});

describe('upload: zip bombs are refused before inflating', () => {
  it.each([
    ['a 64 MB entry at ~1000:1', () => zipBombDocx(64)],
    ['5000 entries', () => manyEntriesDocx(5000)],
  ])('%s', async (_name, build) => {
    const bytes = build();
    expect(bytes.byteLength).toBeLessThan(2 * MB);
    const res = await upload(app, [{ name: 'bomb.docx', bytes }], { token: user.access });
    expect([413, 422]).toContain(res.status);
    expectProblem(res, res.status, res.status === 413 ? 'payload_too_large' : 'unprocessable');
    nothingStored();
  });
});

describe('upload: size limits', () => {
  it('a file above maxUploadBytes is a 413 from the core, naming the file and the limit', async () => {
    const res = await upload(app, [{ name: 'big.txt', bytes: notesOfSize(2 * MB + 1) }], { token: user.access });
    expect(expectProblem(res, 413, 'payload_too_large').detail).toMatch(/big\.txt.*2 MB/);
    nothingStored();
  });

  // A small limit: at most 2 files of 64 KB, so the request limit is 2 x 64 KB + 1 MB of multipart overhead.
  const small = buildDocumentTestApp({ settings: { maxUploadBytes: 64 * 1024, maxFilesPerUpload: 2 } });
  let smallUser: SignedIn;
  beforeAll(async () => {
    smallUser = await signUp(small.app);
  });
  const requestLimit = 2 * 64 * 1024 + MB;

  it('a declared Content-Length above the request limit is a 413 before any byte is read', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await send(small.app, 'POST', '/api/v1/documents/upload', {
      token: smallUser.access,
      body,
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(requestLimit + 1) },
    });
    expect(expectProblem(res, 413, 'payload_too_large').detail).toMatch(/at most 2 files of up to 0\.06 MB/);
    expect(pulled).toBeLessThanOrEqual(1); // a stream may be primed once; it is never read
  });

  it('a chunked body is cut off once it passes the request limit, without reading the rest', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const total = 4 * MB;
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await send(small.app, 'POST', '/api/v1/documents/upload', {
      token: smallUser.access,
      body,
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    });
    expectProblem(res, 413, 'payload_too_large');
    expect(sent).toBeLessThan(requestLimit + 4 * chunk.byteLength);
    expect(small.storage.size).toBe(0);
  });
});
