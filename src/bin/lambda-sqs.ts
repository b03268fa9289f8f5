/**
 * The SQS entry: runs the generation jobs of a batch through the same job runner as `opendeck worker`
 * (processDocument, idempotent), reporting failed records only (partial batch response). Bundled to
 * dist-lambda/sqs.mjs (scripts/build-lambda.mjs).
 */
import { lambdaServices } from '../wiring/lambda.js';
import { createSqsConsumer, type SqsBatchResponse, type SqsEvent } from '../adapters/lambda/sqs-consumer.js';

const consumerFrom = ({ services, logger }: Awaited<ReturnType<typeof lambdaServices>>) =>
  createSqsConsumer({
    runJob: services.runJob,
    logger,
    redeliverAfter: async (record, seconds) => {
      if ('redeliverAfter' in services.queue) await services.queue.redeliverAfter(record.receiptHandle, seconds);
    },
  });

// Started at import, during the init phase; awaited by the first event.
const ready = lambdaServices().then(consumerFrom);
ready.catch(() => undefined); // reported by the invocation that awaits it

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  // Without services no record can run: throwing makes SQS retry the whole batch, which is right here.
  const consume = await ready.catch(async () => consumerFrom(await lambdaServices()));
  return consume(event);
}
