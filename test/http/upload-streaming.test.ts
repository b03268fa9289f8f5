/**
 * Issue 12, defect 1: uploads are streamed, not held in memory. Each file's limit is enforced while it
 * arrives (the request is cut off at the first byte over it, wherever the file sits in the batch), files
 * are staged in temporary files, a refused batch stores nothing, and no temporary file outlives its request,
 * including when the client disconnects mid-file.
 */
import http from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentTestApp, MB, notesOfSize, upload } from './documents-support.js';
import { listen, type Listening } from './listen.js';
import { expectProblem, signUp } from './support.js';

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'opendeck-upload-test-'));
const t = buildDocumentTestApp({ settings: { maxUploadBytes: 2 * MB, maxFilesPerUpload: 10 }, http: { uploadTempDir: tempDir } });
let server: Listening;
let token: string;
beforeAll(async () => {
  server = await listen(t.app);
  token = (await signUp(t.app)).access;
});
afterAll(async () => {
  await server.close();
  rmSync(tempDir, { recursive: true, force: true });
});

/** Every staged file of every request, in any request folder. */
const stagedFiles = () => readdirSync(tempDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
const documentCount = async () => (await t.ports.documents.list(userId(), { limit: 100, offset: 0 })).total;
let cachedUserId = '';
const userId = () => cachedUserId;
beforeAll(async () => {
  const me = await t.app.request('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } });
  cachedUserId = ((await me.json()) as { id: string }).id;
});

async function eventually(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a file over the limit, anywhere in a batch', () => {
  it.each([0, 1, 2])('at position %i of 3: 413 naming it, nothing stored, no temporary file left', async (position) => {
    const storedBefore = t.storage.size;
    const files = [0, 1, 2].map((i) => ({ name: `notes-${i}.txt`, bytes: notesOfSize(i === position ? 2 * MB + 1 : 50_000) }));
    const problem = expectProblem(await upload(t.app, files, { token }), 413, 'payload_too_large');
    expect(problem.detail).toContain(`notes-${position}.txt`);
    expect(t.storage.size).toBe(storedBefore);
    expect(stagedFiles()).toEqual([]);
  });

  it('a file of exactly the limit is accepted, and its temporary file is removed after', async () => {
    const res = await upload(t.app, [{ name: 'exact.txt', bytes: notesOfSize(2 * MB) }], { token });
    expect(res.status).toBe(201);
    expect(res.body.documents[0].size_bytes).toBe(2 * MB);
    expect(stagedFiles()).toEqual([]);
  });
});

/** A multipart body of one file whose content is produced as it is read; `pulled` counts what was sent. */
function streamedUpload(fileBytes: number, options: { abortAfter?: number } = {}) {
  const boundary = 'streamed-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const line = Buffer.from('The mitochondrion is the powerhouse of the cell and makes ATP.\n');
  const state = { pulled: 0 };
  let sentHead = false;
  const body = new Readable({
    read() {
      if (!sentHead) {
        sentHead = true;
        return void this.push(head);
      }
      if (options.abortAfter !== undefined && state.pulled >= options.abortAfter) return; // stalls; the test destroys the request
      if (state.pulled >= fileBytes) {
        this.push(`\r\n--${boundary}--\r\n`);
        return void this.push(null);
      }
      const chunk = Buffer.alloc(64 * 1024);
      for (let at = 0; at < chunk.length; at += line.length) line.copy(chunk, at);
      state.pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { body, boundary, state };
}

describe('streaming', () => {
  it('an oversized file is refused at the limit, long before the client has sent the rest', async () => {
    const { body, boundary, state } = streamedUpload(60 * MB);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v1/documents/upload',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Transfer-Encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          body.destroy();
        },
      );
      req.on('error', (e) => (state.pulled > 0 ? undefined : reject(e)));
      body.pipe(req);
    });
    expect(status).toBe(413);
    // The limit is 2 MB; socket buffers hold a few MB more. Reading it whole would take all 60 MB.
    expect(state.pulled).toBeLessThan(12 * MB);
    await eventually(() => stagedFiles().length === 0);
  });

  it('a client that disconnects mid-file leaves no temporary file and no document', async () => {
    const before = await documentCount();
    const { body, boundary, state } = streamedUpload(MB + 500_000, { abortAfter: MB });
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/api/v1/documents/upload',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Transfer-Encoding': 'chunked',
      },
    });
    req.on('error', () => undefined);
    body.pipe(req);
    await eventually(() => state.pulled >= MB && stagedFiles().length > 0);
    req.destroy();
    await eventually(() => stagedFiles().length === 0);
    // Give the server time to (wrongly) finish the request; nothing may have been stored.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await documentCount()).toBe(before);
  });
});

describe('odd parts', () => {
  it('a file part with an empty filename is refused, and the server keeps answering', async () => {
    const form = new FormData();
    form.append('file', new File(['%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'], ''));
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/documents/upload`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(415);
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
    await eventually(() => stagedFiles().length === 0);
  });
});
