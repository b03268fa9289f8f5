/**
 * SqsJobQueue against fauxqs: the JobQueue contract on a FIFO queue (as deployed) and on a standard one, with
 * the Lambda's SQS consumer behind a stand-in for the event source mapping; then what goes into a message.
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../../src/infra/queue/sqs-job-queue.js';
import { startTestFauxqs, type Fauxqs } from '../../support/fauxqs.js';
import { startSqsEventSource, type SqsEventSource } from '../../support/sqs-event-source.js';
import { describeJobQueueContract, type JobQueueUnderTest } from './job-queue.contract.js';

let fauxqs: Fauxqs;
beforeAll(async () => {
  fauxqs = await startTestFauxqs();
});
afterAll(async () => fauxqs?.stop());

const receive = async (url: string) =>
  (
    await fauxqs.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 0 }),
    )
  ).Messages ?? [];

/**
 * A queue of its own per test. The visibility timeout is short so a failed record comes back within the test;
 * the runs of the contract hold a record far less than that, so none comes back while it runs.
 */
function sqsUnderTest(fifo: boolean): JobQueueUnderTest {
  return {
    create: async () => {
      const q = fauxqs.queue({ VisibilityTimeout: '2' }, fifo);
      const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
      let source: SqsEventSource | undefined;
      return {
        queue,
        start: async (handler) => {
          source = startSqsEventSource({ sqs: fauxqs.sqs, queueUrl: q.url, queueArn: q.arn, handler });
        },
        stop: async () => {
          await source?.stop();
          await queue.close();
        },
      };
    },
    // FIFO: the document is the message group, and the deduplication id names the request. A standard queue
    // promises neither; at-least-once delivery and the idempotent handler are what hold there.
    promises: { onePerDocumentAtATime: fifo, mergesWaiting: false, dropsRepeatedRequest: fifo, redeliversFailures: true },
    openUnreachable: () => new SqsJobQueue({ client: fauxqs.sqs, queueUrl: `${fauxqs.server.address}/000000000000/missing-queue` }),
  };
}

describeJobQueueContract('SQS FIFO queue', sqsUnderTest(true));
describeJobQueueContract('SQS standard queue', sqsUnderTest(false));

/** What only the SQS queue does: the message it sends. */
describe('SqsJobQueue', () => {
  it('sends the job ids only, grouped by document on a FIFO queue', async () => {
    const q = fauxqs.queue({}, true);
    const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
    const job = { documentId: randomUUID(), userId: randomUUID() };
    await queue.enqueue(job);
    const [message] = await receive(q.url);
    expect(JSON.parse(message!.Body!)).toEqual(job);
    expect(message!.Attributes?.MessageGroupId).toBe(job.documentId);
  });

  it('works on a standard queue too, with no FIFO fields', async () => {
    const q = fauxqs.queue();
    const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
    await queue.enqueue({ documentId: randomUUID(), userId: randomUUID() });
    await queue.enqueue({ documentId: randomUUID(), userId: randomUUID() });
    const messages = await receive(q.url);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.Attributes?.MessageGroupId).toBeUndefined();
    expect(await queue.counts()).toEqual({ waiting: 0, active: 2, delayed: 0, failed: 0 });
  });
});
