/** SqsJobQueue against fauxqs: what goes into a message, FIFO grouping and deduplication, and failures. */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../../src/core/index.js';
import { SqsJobQueue } from '../../../src/infra/queue/sqs-job-queue.js';
import { startTestFauxqs, type Fauxqs } from '../../support/fauxqs.js';

let fauxqs: Fauxqs;
beforeAll(async () => {
  fauxqs = await startTestFauxqs();
});
afterAll(async () => fauxqs?.stop());

const receive = async (url: string) =>
  (await fauxqs.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 0 }))).Messages ?? [];

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

  it('drops a resend of the same request but keeps a later request for the same document', async () => {
    const q = fauxqs.queue({}, true);
    const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: q.url });
    const job = { documentId: randomUUID(), userId: randomUUID() };
    await queue.enqueue({ ...job, requestId: 'r1' });
    await queue.enqueue({ ...job, requestId: 'r1' });
    await queue.enqueue({ ...job, requestId: 'r2' });
    expect((await queue.counts()).waiting).toBe(2);
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

  it('turns an unreachable queue into "unavailable" for the caller, naming no AWS detail', async () => {
    const queue = new SqsJobQueue({ client: fauxqs.sqs, queueUrl: `${fauxqs.server.address}/000000000000/missing-queue` });
    const error = await queue.enqueue({ documentId: randomUUID(), userId: randomUUID() }).then(() => null, (e: unknown) => e);
    expect(isCoreError(error) && error.code).toBe('unavailable');
  });
});
