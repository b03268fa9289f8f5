/** The SQS handler's batch contract, with the event shapes of AWS's documentation. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSqsConsumer, parseJob } from '../../../src/adapters/lambda/sqs-consumer.js';
import { silentLogger } from '../../../src/infra/queue/queue-types.js';
import { sqsRecord } from '../../support/lambda/events.js';

const job = () => ({ documentId: randomUUID(), userId: randomUUID() });

describe('SQS consumer', () => {
  it("reports only the failed records, and a group's later records unrun after a failure", async () => {
    const [a, b, c] = [job(), job(), job()];
    const ran: string[] = [];
    const consumer = createSqsConsumer({
      logger: silentLogger,
      runJob: async (j) => {
        ran.push(j.documentId);
        if (j.documentId === b.documentId) throw new Error('model down');
        return 'completed';
      },
    });
    const records = [
      sqsRecord(JSON.stringify(a), { MessageGroupId: a.documentId }),
      sqsRecord(JSON.stringify(b), { MessageGroupId: b.documentId }),
      sqsRecord(JSON.stringify(c), { MessageGroupId: c.documentId }),
      sqsRecord(JSON.stringify(b), { MessageGroupId: b.documentId }),
      sqsRecord('not json', { MessageGroupId: 'x' }),
    ];
    const reply = await consumer({ Records: records });
    expect(reply.batchItemFailures).toEqual([records[1], records[3], records[4]].map((r) => ({ itemIdentifier: r!.messageId })));
    expect(ran.filter((id) => id === b.documentId)).toHaveLength(1); // the second b never overtook the failed first
    expect(ran).toContain(a.documentId);
    expect(ran).toContain(c.documentId);
  });

  it('treats a run that ends as "failed" (the owner was told) as done, not to be retried', async () => {
    const consumer = createSqsConsumer({ logger: silentLogger, runJob: async () => 'failed' });
    expect(await consumer({ Records: [sqsRecord(JSON.stringify(job()))] })).toEqual({ batchItemFailures: [] });
  });

  it('passes the receive count on as the attempt', async () => {
    const attempts: number[] = [];
    const consumer = createSqsConsumer({ logger: silentLogger, runJob: async (_j, run) => attempts.push(run.attempt) });
    await consumer({ Records: [sqsRecord(JSON.stringify(job()), { ApproximateReceiveCount: '3' })] });
    expect(attempts).toEqual([3]);
  });

  it('accepts only bodies that are a job of two UUIDs', () => {
    const j = job();
    expect(parseJob(JSON.stringify(j))).toEqual(j);
    expect(parseJob(JSON.stringify({ ...j, extra: 'dropped' }))).toEqual(j);
    for (const bad of ['', 'null', '[]', '{"documentId":"a","userId":"b"}', JSON.stringify({ documentId: j.documentId })]) {
      expect(parseJob(bad), bad).toBeNull();
    }
  });
});

describe('SQS consumer: a run waiting for the AI provider (issue 12)', () => {
  it('passes the receive count as the attempt, and has the message come back after the delay the run asked for', async () => {
    const { CoreError } = await import('../../../src/core/index.js');
    const { retryLater } = await import('../../../src/core/index.js');
    const attempts: number[] = [];
    const delays: [string, number][] = [];
    const consumer = createSqsConsumer({
      logger: silentLogger,
      runJob: async (_job, run) => {
        attempts.push(run.attempt);
        throw retryLater(new CoreError('upstream_unavailable', 'The AI provider is not answering.'), 120);
      },
      redeliverAfter: async (record, seconds) => void delays.push([record.receiptHandle, seconds]),
    });
    const record = sqsRecord(JSON.stringify(job()), { ApproximateReceiveCount: '3' });
    const reply = await consumer({ Records: [record] });
    expect(reply.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(attempts).toEqual([3]);
    expect(delays).toEqual([[record.receiptHandle, 120]]);
  });

  it('leaves any other failure to the visibility timeout', async () => {
    const delays: number[] = [];
    const consumer = createSqsConsumer({
      logger: silentLogger,
      runJob: async () => {
        throw new Error('database unreachable');
      },
      redeliverAfter: async (_record, seconds) => void delays.push(seconds),
    });
    await consumer({ Records: [sqsRecord(JSON.stringify(job()))] });
    expect(delays).toEqual([]);
  });
});
