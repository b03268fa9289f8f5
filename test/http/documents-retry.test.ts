/**
 * The job adapter's decision table (src/adapters/worker/job-retry.ts) through the real wiring: a provider that
 * is unavailable is tried again after the outage waits (core/documents/outage-retry.ts, shortened here) while the
 * document stays processing with the reason in status_detail; content that cannot be processed fails at once.
 */
import { describe, expect, it } from 'vitest';
import { CoreError, OUTAGE_RETRY_DELAYS_SECONDS, type CardGenerator } from '../../src/core/index.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { InProcessJobQueue } from '../../src/infra/queue/in-process-job-queue.js';
import { generatorRegistry, uploadOne } from './documents-support.js';
import { buildTestApp, call, signUp } from './support.js';
import { MemoryFileStorage } from '../../src/infra/storage/memory-file-storage.js';

const offline = new OfflineCardGenerator();

/** Fails with `code` for the first `failures` calls, then answers as the offline generator does. */
function flaky(code: 'upstream_unavailable' | 'unprocessable', failures: number): CardGenerator & { calls: number } {
  return {
    provider: 'flaky',
    model: 'flaky-1',
    maxChunkChars: offline.maxChunkChars,
    calls: 0,
    async generate(request) {
      this.calls += 1;
      if (this.calls <= failures) throw new CoreError(code, 'The AI provider did not answer after several tries.');
      return offline.generate(request);
    },
  };
}

const NOTES = "# Cells\n\nThe mitochondrion is the organelle that produces most of the cell's ATP through respiration.\n";

async function run(generator: CardGenerator) {
  // Each asked-for wait (30 s, 60 s, ...) becomes 20 ms.
  const queue = new InProcessJobQueue({ retryDelayMs: () => 20 });
  const t = buildTestApp({ queue, ports: { storage: new MemoryFileStorage(), generators: generatorRegistry(generator) } });
  const user = await signUp(t.app);
  const bytes = new TextEncoder().encode(NOTES);
  const [doc] = (await uploadOne(t.app, user.access, { name: 'notes.md', bytes }, { metadata: { title: 'Cells' } })).documents;
  const read = async () => (await call(t.app, 'GET', `/api/v1/documents/${doc.id}`, { token: user.access })).body;
  return { queue, read };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  // Generous: on a loaded CI machine the retry's backoff timer and the generation run late.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting for the document');
}

describe('generation jobs and the retry decision table', () => {
  it('retries an unavailable provider with a noted reason, then completes', async () => {
    const generator = flaky('upstream_unavailable', 1);
    const { read, queue } = await run(generator);
    const retrying = await until(read, (d) => Boolean(d.detail));
    expect(retrying).toMatchObject({ status: 'processing' });
    expect(retrying.detail).toMatch(/^Waiting for the AI provider/);
    const done = await until(read, (d) => d.status === 'completed');
    expect(done).toMatchObject({ error_message: null, detail: null });
    expect(done.cards_generated).toBeGreaterThan(0);
    expect(generator.calls).toBe(2);
    await queue.close();
  });

  it('fails the document after the last wait, saying so', async () => {
    const generator = flaky('upstream_unavailable', 100);
    const { read, queue } = await run(generator);
    const failed = await until(read, (d) => d.status === 'failed');
    expect(failed.error_message).toMatch(/^The AI provider did not answer for about \d+ minutes, so generation stopped/);
    expect(generator.calls).toBe(OUTAGE_RETRY_DELAYS_SECONDS.length + 1);
    expect((await queue.counts()).failed).toBe(0); // failed as a document, not as a crashed job
    await queue.close();
  });

  it('fails at once, with no retry, when the content cannot be processed', async () => {
    const generator = flaky('unprocessable', 10);
    const { read, queue } = await run(generator);
    const failed = await until(read, (d) => d.status === 'failed');
    expect(failed.error_message).toBe('The AI provider did not answer after several tries.');
    expect(generator.calls).toBe(1);
    await queue.close();
  });
});
