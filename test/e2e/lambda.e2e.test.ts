/**
 * The whole AWS flow through the two Lambda entry points, with the event payloads API Gateway (HTTP API, v2)
 * and SQS send: register, login, deck, a multipart upload with a base64 body, the job message in SQS
 * (fauxqs), received and handed to the SQS handler as an SQS event, cards. Configured as Terraform configures
 * the functions: data in DynamoDB (DynamoDB Local), files in S3 and jobs in SQS (fauxqs), each reached through
 * the AWS SDK's service-specific variables (AWS_ENDPOINT_URL_DYNAMODB, _S3, _SQS) as a developer's shell would. Without Java for DynamoDB Local (skipped loudly by its support, or a failure with
 * REQUIRE_SERVICES=1) the data goes to the embedded PGlite database instead, and the run says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishNotesMarkdown } from '../fixtures/index.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.js';
import { startTestFauxqs, type Fauxqs } from '../support/fauxqs.js';
import { apiGatewayEvent, sqsEvent, type ApiRequest } from '../support/lambda/events.js';

type HttpHandler = typeof import('../../src/bin/lambda-http.js').handler;
type SqsHandler = typeof import('../../src/bin/lambda-sqs.js').handler;

let fauxqs: Fauxqs;
let dynamo: DynamoDbLocal | null;
let queue: { url: string; arn: string };
let dataDir: string;
let http: HttpHandler;
let sqs: SqsHandler;

beforeAll(async () => {
  fauxqs = await startTestFauxqs();
  dynamo = await startDynamoDbLocal();
  if (!dynamo) console.warn('Lambda end-to-end: DynamoDB Local unavailable, running on PGlite instead of DB_BACKEND=dynamo');
  queue = fauxqs.queue({}, true);
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-lambda-'));
  // The tables are created by `migrate` at start, as against any emulator (an endpoint is set).
  const data = dynamo
    ? { DB_BACKEND: 'dynamo', USERS_TABLE: 'l-users', DECKS_TABLE: 'l-decks', FLASHCARDS_TABLE: 'l-cards', DOCUMENTS_TABLE: 'l-docs' }
    : {};
  // What the Lambda functions get from Terraform (plus a local endpoint and credentials for the emulator).
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    SECRET_KEY: 'l'.repeat(40),
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo?.endpoint ?? '',
    AWS_ENDPOINT_URL_S3: fauxqs.server.address,
    AWS_ENDPOINT_URL_SQS: fauxqs.server.address,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    S3_BUCKET: fauxqs.bucket(),
    SQS_QUEUE_URL: queue.url,
    AI_PROVIDER: 'offline',
    LOG_LEVEL: 'silent',
    ...data,
  });
  // Imported only now: the handlers build their runtime from the environment at import, as on a cold start.
  http = (await import('../../src/bin/lambda-http.js')).handler;
  sqs = (await import('../../src/bin/lambda-sqs.js')).handler;
}, 120_000);

afterAll(async () => {
  const { lambdaRuntime } = await import('../../src/wiring/lambda.js');
  await (await lambdaRuntime().catch(() => null))?.close();
  await dynamo?.stop();
  await fauxqs?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function api(req: ApiRequest & { token?: string; json?: unknown }) {
  const headers: Record<string, string> = { ...req.headers, ...(req.token ? { authorization: `Bearer ${req.token}` } : {}) };
  const body = req.json === undefined ? req.body : JSON.stringify(req.json);
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  const result = await http(apiGatewayEvent({ ...req, path: `/api/v1${req.path}`, headers, body }) as never);
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: text && /json/.test(String(result.headers?.['content-type'])) ? JSON.parse(text) : text,
  };
}

/** A multipart body as a browser would send it; API Gateway hands it to Lambda base64-encoded. */
async function multipart(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const res = new Response(form);
  return { body: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

async function receiveAll() {
  const reply = await fauxqs.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  return reply.Messages ?? [];
}

describe('Lambda handlers (API Gateway v2 + SQS events)', () => {
  it('register, login, deck, base64 upload, SQS message, consumer, cards', async () => {
    const email = `lambda-${Date.now()}@example.com`;
    const password = 'a sufficiently long passphrase';
    expect((await api({ method: 'POST', path: '/auth/register', json: { email, name: 'Ana', password } })).status).toBe(201);
    const login = await api({ method: 'POST', path: '/auth/login', json: { email, password } });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;
    const deck = await api({ method: 'POST', path: '/decks', token, json: { title: 'Cells' } });
    expect(deck.status).toBe(201);

    const { body, contentType } = await multipart({
      file: new File([englishNotesMarkdown() as Uint8Array<ArrayBuffer>], 'notes.md'),
      deck_id: deck.body.id,
    });
    const upload = await api({ method: 'POST', path: '/documents/upload', token, headers: { 'content-type': contentType }, body });
    expect(upload.status).toBe(201);
    const documentId = upload.body.document_ids[0] as string;

    const messages = await receiveAll();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!)).toEqual({ documentId, userId: login.body.user.id });
    const reply = await sqs(sqsEvent(messages, queue.arn));
    expect(reply).toEqual({ batchItemFailures: [] });
    // What the event source mapping does with records not reported as failed.
    for (const m of messages) await fauxqs.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle! }));

    const doc = await api({ method: 'GET', path: `/documents/${documentId}`, token });
    expect(doc.body).toMatchObject({ status: 'completed', deck_id: deck.body.id });
    const cards = await api({ method: 'GET', path: `/decks/${deck.body.id}/cards`, query: 'limit=100', token });
    expect(cards.body.total).toBe(doc.body.cards_generated);
    expect(cards.body.total).toBeGreaterThan(0);
    for (const card of cards.body.items) expect(card.source_ref.document_id).toBe(documentId);

    // A second delivery of the same message (at-least-once) stores nothing twice.
    expect(await sqs(sqsEvent(messages, queue.arn))).toEqual({ batchItemFailures: [] });
    expect((await api({ method: 'GET', path: `/decks/${deck.body.id}`, token })).body.card_count).toBe(cards.body.total);

    const file = await api({ method: 'GET', path: `/documents/${documentId}/file`, token });
    expect(file.status).toBe(302);
    expect(String(file.headers.location)).toContain('X-Amz-Signature=');
  });

  it('presigned upload through the API Lambda, then the same pipeline through SQS', async () => {
    const email = `lambda-presigned-${Date.now()}@example.com`;
    const register = await api({
      method: 'POST',
      path: '/auth/register',
      json: { email, name: 'Ben', password: 'another long passphrase here' },
    });
    const token = register.body.access_token as string;
    const bytes = englishNotesMarkdown();
    const upload = await api({ method: 'POST', path: '/documents/upload-url', token, json: { size_bytes: bytes.byteLength } });
    expect(upload.status).toBe(201);
    expect(
      (await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: bytes as Uint8Array<ArrayBuffer> })).status,
    ).toBe(200);
    const confirm = await api({
      method: 'POST',
      path: `/documents/uploads/${upload.body.upload_id}/confirm`,
      token,
      json: { filename: 'notes.md', metadata: { title: 'Big file' } },
    });
    expect(confirm.status).toBe(201);
    const messages = await receiveAll();
    expect(await sqs(sqsEvent(messages, queue.arn))).toEqual({ batchItemFailures: [] });
    const doc = await api({ method: 'GET', path: `/documents/${confirm.body.document_ids[0]}`, token });
    expect(doc.body.status).toBe('completed');
    expect(doc.body.cards_generated).toBeGreaterThan(0);
  });

  it('ran on the data backend Terraform configures (DynamoDB) when DynamoDB Local is there', async () => {
    const { lambdaRuntime } = await import('../../src/wiring/lambda.js');
    expect((await lambdaRuntime()).db.kind).toBe(dynamo ? 'dynamo' : 'pglite');
  });

  it("answers API Gateway's own fixture (an unknown path) as a problem document", async () => {
    const result = await http(apiGatewayEvent({ method: 'POST', path: '/my/path', body: 'Hello from Lambda' }) as never);
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body)).toMatchObject({ status: 404, code: 'not_found' });
  });
});
