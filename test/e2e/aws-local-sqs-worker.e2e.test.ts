/**
 * The AWS mode on one machine, as the README's "AWS mode locally" section runs it: `npm run dev:aws`
 * (scripts/dev-aws.ts) starts DynamoDB Local and fauxqs and prints the variables; `opendeck serve` and
 * `opendeck worker` get exactly those (service-specific endpoints, DB_BACKEND=dynamo, S3_BUCKET,
 * SQS_QUEUE_URL); a document uploaded over HTTP is queued on SQS, taken by the worker's long poll and completed.
 * Without Java for DynamoDB Local the recipe exits 69 and the file is skipped loudly (a failure with
 * REQUIRE_SERVICES=1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishNotesMarkdown } from '../fixtures/index.js';
import { requireOrSkip } from '../support/postgres.js';
import { ApiClient } from './support/api-client.js';
import { startServer, startWorker, type OpendeckProcess } from './support/processes.js';

let recipe: ChildProcess | undefined;
let variables: Record<string, string> | null = null;
let server: (OpendeckProcess & { url: string }) | undefined;
let worker: OpendeckProcess | undefined;
let dataDir: string;

/** Starts the recipe on free ports and reads the `export NAME=value` lines it prints; null when it exits 69. */
function startRecipe(): Promise<Record<string, string> | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev-aws.ts', '--dynamodb-port', '0', '--fauxqs-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  recipe = child;
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const found: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 69 ? resolve(null) : reject(new Error(`dev:aws exited with ${code}: ${stderr}`))));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) found[match[1]!] = match[2]!;
      if (/are ready/.test(line)) resolve(found);
    });
  }).then((result) => {
    if (!result) requireOrSkip(`DynamoDB Local unavailable for npm run dev:aws: ${stderr.trim()}`);
    return result as Record<string, string> | null;
  });
}

beforeAll(async () => {
  variables = await startRecipe();
  if (!variables) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-aws-local-'));
  const env = { ...variables, DATA_DIR: dataDir, AI_PROVIDER: 'offline', WORKER_CONCURRENCY: '2' };
  [server, worker] = await Promise.all([startServer(env), startWorker(env)]);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await worker?.stop();
  if (recipe && recipe.exitCode === null) {
    const gone = new Promise((resolve) => recipe!.once('exit', resolve));
    recipe.kill('SIGTERM');
    await gone;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('AWS mode locally: npm run dev:aws, opendeck serve and opendeck worker on SQS', () => {
  it('prints service-specific endpoints, not one shared AWS_ENDPOINT_URL', () => {
    if (!variables) return;
    expect(variables.AWS_ENDPOINT_URL).toBeUndefined();
    expect(variables.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(variables.AWS_ENDPOINT_URL_S3).toBe(variables.AWS_ENDPOINT_URL_SQS);
    expect(variables.AWS_ENDPOINT_URL_DYNAMODB).not.toBe(variables.AWS_ENDPOINT_URL_S3);
    expect(variables).toMatchObject({ DB_BACKEND: 'dynamo', S3_BUCKET: 'opendeck-files' });
    expect(variables.SQS_QUEUE_URL).toMatch(/\/opendeck-jobs\.fifo$/);
  });

  it('an upload over HTTP is completed by the worker taking its SQS message', async () => {
    if (!variables) return;
    const api = await ApiClient.signUp(server!.url);
    const { documentId, deckId } = await api.uploadForCards('notes.md', englishNotesMarkdown(), 'Cells');
    const { final } = await api.pollStatus(documentId, (s) => s.status === 'completed' || s.status === 'failed', 60_000);
    expect(final.status).toBe('completed');
    expect(final.cards_generated).toBeGreaterThan(0);
    expect((await api.cards(deckId)).length).toBe(final.cards_generated);
    // The worker ran it (the API process has no consumer on SQS), and logged the job's completion.
    await worker!.waitForLog('the job', (e) => JSON.stringify(e).includes(documentId), 10_000);
  }, 120_000);
});
