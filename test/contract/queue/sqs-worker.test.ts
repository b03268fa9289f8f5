/**
 * `opendeck worker` on SQS (src/bin/run-sqs-worker.ts over src/infra/queue/sqs-poller.ts) against fauxqs: the
 * JobQueue contract with this worker delivering instead of the Lambda event source, then what only a
 * long-running consumer does: keeping a running job invisible past the visibility timeout, a provider outage's
 * retry delay (not the visibility timeout) before the next run, the dead-letter queue after the redrive
 * policy's receives, and a stop that lets the running job finish.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSqsWorker } from '../../../src/bin/run-sqs-worker.js';
import type { RunningWorker } from '../../../src/bin/run-worker.js';
import { CoreError, retryLater, type JobHandler } from '../../../src/core/index.js';
import { silentLogger } from '../../../src/infra/queue/queue-types.js';
import { SqsJobQueue } from '../../../src/infra/queue/sqs-job-queue.js';
import { startTestFauxqs, type Fauxqs } from '../../support/fauxqs.js';
import { describeJobQueueContract, waitFor, type JobQueueUnderTest } from './job-queue.contract.js';

let fauxqs: Fauxqs;
beforeAll(async () => {
  fauxqs = await startTestFauxqs();
});
afterAll(async () => fauxqs?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(queueUrl: string, handler: JobHandler, concurrency = 4): Promise<RunningWorker> {
  return runSqsWorker({
    client: fauxqs.sqs,
    location: fauxqs.settings as { region: string; endpointUrl: string },
    queueUrl,
    handler,
    logger: silentLogger,
    concurrency,
    waitTimeSeconds: 1,
    handleSignals: false,
  });
}

function workerUnderTest(fifo: boolean): JobQueueUnderTest {
  return {
    create: async () => {
      const q = fauxqs.queue({ VisibilityTimeout: '2' }, fifo);
      const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
      let worker: RunningWorker | undefined;
      return {
        queue,
        start: async (handler) => {
          worker = await startWorker(q.url, handler);
        },
        stop: async () => {
          await worker?.stop();
        },
      };
    },
    promises: { onePerDocumentAtATime: fifo, mergesWaiting: false, dropsRepeatedRequest: fifo, redeliversFailures: true },
  };
}

describeJobQueueContract('SQS FIFO queue, opendeck worker', workerUnderTest(true));
describeJobQueueContract('SQS standard queue, opendeck worker', workerUnderTest(false));

describe('opendeck worker on SQS', () => {
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  const job = () => ({ documentId: randomUUID(), userId: randomUUID() });
  const peek = async (url: string) =>
    (await fauxqs.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))).Messages ?? [];
  const counts = async (url: string) => {
    const reply = await fauxqs.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    return {
      visible: Number(reply.Attributes!.ApproximateNumberOfMessages),
      hidden: Number(reply.Attributes!.ApproximateNumberOfMessagesNotVisible),
    };
  };

  it('keeps a job that outlasts the visibility timeout invisible, runs it once and deletes it', async () => {
    const q = fauxqs.queue({ VisibilityTimeout: '2' }, true);
    let runs = 0;
    let finished = false;
    worker = await startWorker(q.url, async () => {
      runs += 1;
      await sleep(5000); // 2.5 visibility timeouts
      finished = true;
      return 'completed';
    });
    await new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url }).enqueue(job());
    await waitFor('the run to start', () => runs === 1);
    while (!finished) {
      expect(await peek(q.url)).toEqual([]); // another consumer would have started it again here
      await sleep(400);
    }
    await waitFor('the message to be deleted', async () => (await counts(q.url)).hidden === 0);
    expect(await counts(q.url)).toEqual({ visible: 0, hidden: 0 });
    expect(runs).toBe(1);
  }, 20_000);

  it("waits a provider outage's retry delay, not the visibility timeout, before the next run", async () => {
    const q = fauxqs.queue({ VisibilityTimeout: '60' }, true);
    const attempts: Array<{ attempt: number; at: number }> = [];
    worker = await startWorker(q.url, async (_job, run) => {
      attempts.push({ attempt: run.attempt, at: Date.now() });
      if (run.attempt === 1) throw retryLater(new CoreError('upstream_unavailable', 'The AI provider is down.'), 1);
      return 'completed';
    });
    await new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url }).enqueue(job());
    await waitFor('the second run', () => attempts.length === 2, 10_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    const waited = attempts[1]!.at - attempts[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(10_000);
    await waitFor('the message to be deleted', async () => (await counts(q.url)).hidden === 0);
  }, 20_000);

  it("moves a job that keeps failing, and a message that is no job, to the dead-letter queue after the redrive policy's receives", async () => {
    const dlq = fauxqs.queue();
    const q = fauxqs.queue({ VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
    const attempts: number[] = [];
    worker = await startWorker(q.url, async (_job, run) => {
      attempts.push(run.attempt);
      throw new Error('database unreachable');
    });
    await new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url }).enqueue(job());
    await fauxqs.sqs.send(new (await import('@aws-sdk/client-sqs')).SendMessageCommand({ QueueUrl: q.url, MessageBody: 'not a job' }));
    await waitFor('both messages in the dead-letter queue', async () => (await counts(dlq.url)).visible === 2, 15_000);
    expect(attempts).toEqual([1, 2]);
    expect(await counts(q.url)).toEqual({ visible: 0, hidden: 0 });
  }, 20_000);

  it('finishes the running job on stop, then takes no more', async () => {
    const q = fauxqs.queue({ VisibilityTimeout: '30' }, true);
    let finished = 0;
    worker = await startWorker(q.url, async () => {
      await sleep(800);
      finished += 1;
      return 'completed';
    });
    const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
    await queue.enqueue(job());
    await waitFor('the run to start', async () => (await counts(q.url)).hidden === 1);
    expect(await worker.stop()).toBe(true);
    expect(finished).toBe(1);
    await queue.enqueue(job());
    await sleep(1500);
    expect(finished).toBe(1);
    // Still in the queue for the next worker: visible, or hidden until its timeout where the poll the stop cut
    // short was already handed it (as SQS may do with a closed long poll).
    const left = await counts(q.url);
    expect(left.visible + left.hidden).toBe(1);
  }, 20_000);
});
