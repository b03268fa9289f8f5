/**
 * The AWS clients of this process, created once from the configuration and kept at module scope: on Lambda
 * every warm invocation reuses them (and their open connections) instead of paying for new ones.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../config.js';
import { createS3Client, createSqsClient, type AwsClientSettings } from '../infra/aws/clients.js';

const s3Clients = new Map<string, S3Client>();
const sqsClients = new Map<string, SQSClient>();

const settingsOf = (config: Pick<Config, 'aws'>): AwsClientSettings => {
  if (!config.aws.region) throw new Error('AWS_REGION is required to use AWS'); // config-aws.ts checks it first
  return { region: config.aws.region, endpointUrl: config.aws.endpointUrl };
};

function cached<T>(map: Map<string, T>, settings: AwsClientSettings, create: (s: AwsClientSettings) => T): T {
  const key = `${settings.region}|${settings.endpointUrl ?? ''}`;
  let client = map.get(key);
  if (!client) map.set(key, (client = create(settings)));
  return client;
}

export const s3ClientFor = (config: Pick<Config, 'aws'>): S3Client => cached(s3Clients, settingsOf(config), createS3Client);
export const sqsClientFor = (config: Pick<Config, 'aws'>): SQSClient => cached(sqsClients, settingsOf(config), createSqsClient);
