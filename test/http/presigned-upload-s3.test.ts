/**
 * The presigned flow against fauxqs's S3: ask for a URL, PUT the file straight to S3, confirm; the document
 * then passes the same checks and pipeline as a direct upload. Downloads redirect to a presigned URL.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { InProcessJobQueue } from '../../src/infra/queue/in-process-job-queue.js';
import { S3FileStorage } from '../../src/infra/storage/s3-file-storage.js';
import { S3PresignedFiles } from '../../src/infra/storage/s3-presigned-files.js';
import { englishNotesMarkdown } from '../fixtures/index.js';
import { startTestFauxqs, type Fauxqs } from '../support/fauxqs.js';
import { TEST_DOCUMENT_SETTINGS, buildDocumentTestApp, generatorRegistry, send } from './documents-support.js';
import { buildTestApp, call, expectProblem, signUp, type TestApp } from './support.js';

let fauxqs: Fauxqs;
let bucket: string;
let t: TestApp;
let queue: InProcessJobQueue;

beforeAll(async () => {
  fauxqs = await startTestFauxqs();
  bucket = fauxqs.bucket();
  const s3 = { client: fauxqs.s3, bucket };
  queue = new InProcessJobQueue();
  t = buildTestApp({
    queue,
    ports: {
      storage: new S3FileStorage(s3),
      presignedFiles: new S3PresignedFiles(s3),
      generators: generatorRegistry(new OfflineCardGenerator()),
      documentSettings: TEST_DOCUMENT_SETTINGS,
    },
  });
});
afterAll(async () => {
  await queue?.close();
  await fauxqs?.stop();
});

const api = (path: string) => `/api/v1${path}`;

async function uploadViaS3(token: string, bytes: Uint8Array) {
  const res = await call(t.app, 'POST', api('/documents/upload-url'), { token, body: { size_bytes: bytes.byteLength } });
  expect(res.status).toBe(201);
  const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: bytes as Uint8Array<ArrayBuffer> });
  expect(put.status).toBe(200);
  return res.body as { upload_id: string; url: string; headers: Record<string, string>; expires_at: string; method: string };
}

describe('presigned uploads (S3)', () => {
  it('uploads past the API, confirms through the same pipeline, and makes cards', async () => {
    const user = await signUp(t.app);
    const bytes = englishNotesMarkdown();
    const upload = await uploadViaS3(user.access, bytes);
    expect(upload.method).toBe('PUT');
    expect(Date.parse(upload.expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);
    // Size and encryption are signed: S3 refuses a PUT that differs.
    const signed = new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'x-amz-server-side-encryption', 'host']));
    expect(upload.headers).toEqual({ 'content-length': String(bytes.byteLength), 'x-amz-server-side-encryption': 'AES256' });

    const staged = { Bucket: bucket, Key: `uploads/${user.userId}/${upload.upload_id}` };
    expect((await fauxqs.s3.send(new HeadObjectCommand(staged))).ContentLength).toBe(bytes.byteLength);
    const confirm = await call(t.app, 'POST', api(`/documents/uploads/${upload.upload_id}/confirm`), {
      token: user.access,
      body: { filename: 'notes.md', metadata: { title: 'Notes', max_cards: 5 } },
    });
    expect(confirm.status).toBe(201);
    const doc = confirm.body.documents[0];
    expect(doc).toMatchObject({ filename: 'notes.md', format: 'markdown', size_bytes: bytes.byteLength, status: 'pending' });
    await queue.drain();
    const done = await call(t.app, 'GET', api(`/documents/${doc.id}`), { token: user.access });
    expect(done.body.status).toBe('completed');
    expect(done.body.cards_generated).toBeGreaterThan(0);
    // The staging object is gone, so the same upload cannot be confirmed twice.
    await expect(fauxqs.s3.send(new HeadObjectCommand(staged))).rejects.toThrow();
    expectProblem(
      await call(t.app, 'POST', api(`/documents/uploads/${upload.upload_id}/confirm`), {
        token: user.access,
        body: { filename: 'notes.md' },
      }),
      404,
      'not_found',
    );

    const download = await send(t.app, 'GET', api(`/documents/${doc.id}/file`), { token: user.access });
    expect(download.status).toBe(302);
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const location = new URL(download.headers.get('location')!);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-disposition')).toBe(`attachment; filename="notes.md"; filename*=UTF-8''notes.md`);
    expect(new Uint8Array(await (await fetch(location)).arrayBuffer())).toEqual(bytes);
  });

  it('refuses a file the direct upload would refuse, and sizes above the limit before any URL is given', async () => {
    const user = await signUp(t.app);
    const upload = await uploadViaS3(user.access, new Uint8Array([0x00, 0xff, 0x10, 0x80, 0x00, 0x01]));
    const res = await call(t.app, 'POST', api(`/documents/uploads/${upload.upload_id}/confirm`), {
      token: user.access,
      body: { filename: 'x.pdf' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
    expectProblem(
      await call(t.app, 'POST', api('/documents/upload-url'), {
        token: user.access,
        body: { size_bytes: TEST_DOCUMENT_SETTINGS.maxUploadBytes + 1 },
      }),
      413,
      'payload_too_large',
    );
    expectProblem(
      await call(t.app, 'POST', api('/documents/upload-url'), { token: user.access, body: { size_bytes: 0 } }),
      422,
      'validation',
    );
    expectProblem(await call(t.app, 'POST', api('/documents/upload-url'), { body: { size_bytes: 10 } }), 401, 'unauthorized');
  });

  it("keeps uploads per user: another user's upload id, a malformed one and an unused one are all 404", async () => {
    const ana = await signUp(t.app);
    const ben = await signUp(t.app);
    const upload = await uploadViaS3(ana.access, englishNotesMarkdown());
    for (const id of [upload.upload_id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      expectProblem(
        await call(t.app, 'POST', api(`/documents/uploads/${id}/confirm`), { token: ben.access, body: { filename: 'a.md' } }),
        404,
        'not_found',
      );
    }
    // Ana's upload is untouched by Ben's attempts.
    expect(
      (await call(t.app, 'POST', api(`/documents/uploads/${upload.upload_id}/confirm`), { token: ana.access, body: { filename: 'a.md' } }))
        .status,
    ).toBe(201);
  });
});

describe('without presigning storage', () => {
  it('mounts no presigned routes and downloads the bytes as before', async () => {
    const local = buildDocumentTestApp();
    const user = await signUp(local.app);
    // 405: the path reads as GET /documents/{document_id}, which exists for another method.
    expect((await call(local.app, 'POST', api('/documents/upload-url'), { token: user.access, body: { size_bytes: 10 } })).status).toBe(
      405,
    );
    const openapi = (await call(local.app, 'GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).not.toContain(api('/documents/upload-url'));
  });
});
