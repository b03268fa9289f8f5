/**
 * The specification's spellings and names (src/config/spec-names.ts, values.ts): each case here stopped the
 * service at start (ENV=local, LOG_LEVEL=INFO: exit 78) or was silently ignored (DYNAMO_*_TABLE, S3_REGION,
 * CELERY_BROKER_URL) before they were read.
 */
import { describe, expect, it } from 'vitest';
import { problemsOf } from './config-support.js';
import { loadConfig } from '../../../src/config/index.js';

const load = (env: Record<string, string>) => loadConfig({}, env);
const DYNAMO = { DB_BACKEND: 'dynamo', AWS_REGION: 'eu-west-1', SECRET_KEY: 's'.repeat(40) };
const POSTGRES = { DATABASE_URL: 'postgres://u@db:5432/opendeck' };

describe('ENV', () => {
  it('takes local as development, in any case', () => {
    expect(load({ ENV: 'local' }).env).toBe('development');
    expect(load({ ENV: 'LOCAL' }).env).toBe('development');
    expect(load({ ENV: ' Production ', SECRET_KEY: 's'.repeat(32) }).env).toBe('production');
  });

  it('still names a value it does not know', () => {
    expect(problemsOf({ ENV: 'staging' })).toEqual(['ENV: must be development (or local), test or production']);
  });
});

describe('LOG_LEVEL', () => {
  it.each([
    ['INFO', 'info'],
    ['Debug', 'debug'],
    ['WARNING', 'warn'],
    ['warning', 'warn'],
    ['CRITICAL', 'fatal'],
    ['ERROR', 'error'],
    ['warn', 'warn'],
  ])('%s is pino level %s', (given, level) => {
    expect(load({ LOG_LEVEL: given }).logLevel).toBe(level);
  });

  it('still names a level it does not know', () => {
    expect(problemsOf({ LOG_LEVEL: 'NOTSET' })[0]).toMatch(/^LOG_LEVEL: must be fatal \(or critical\), error, warn \(or warning\)/);
  });
});

describe('DYNAMO_*_TABLE', () => {
  it('names the four tables as the specification does', () => {
    const config = load({
      ...DYNAMO,
      DYNAMO_USERS_TABLE: 'spec-users',
      DYNAMO_DECKS_TABLE: 'spec-decks',
      DYNAMO_CARDS_TABLE: 'spec-cards',
      DYNAMO_DOCS_TABLE: 'spec-docs',
    });
    expect(config.database).toMatchObject({
      backend: 'dynamo',
      tables: { users: 'spec-users', decks: 'spec-decks', flashcards: 'spec-cards', documents: 'spec-docs' },
    });
    expect(config.notes).toEqual([]);
  });

  it('wins over OpenDeck name when both are set, and says so; the same value twice is no news', () => {
    const config = load({
      ...DYNAMO,
      DYNAMO_CARDS_TABLE: 'spec-cards',
      FLASHCARDS_TABLE: 'own-cards',
      DECKS_TABLE: 'd-x',
      DYNAMO_DECKS_TABLE: 'd-x',
    });
    expect(config.database).toMatchObject({ tables: { flashcards: 'spec-cards', decks: 'd-x' } });
    expect(config.notes).toEqual(['DYNAMO_CARDS_TABLE and FLASHCARDS_TABLE are both set and differ: DYNAMO_CARDS_TABLE is used']);
  });

  it('checks them like the table names they stand for; empty is unset', () => {
    expect(problemsOf({ ...DYNAMO, DYNAMO_DOCS_TABLE: 'a b' })).toEqual([
      'DYNAMO_DOCS_TABLE: must be a DynamoDB table name (3-255 letters, digits, "_", "-" or ".")',
    ]);
    expect(load({ ...DYNAMO, DYNAMO_USERS_TABLE: '' }).database).toMatchObject({ tables: { users: 'opendeck-users' } });
  });
});

describe('S3_REGION', () => {
  it('is the bucket region, AWS_REGION by default', () => {
    expect(load({ S3_BUCKET: 'docs-bucket', AWS_REGION: 'eu-west-1' }).storage).toMatchObject({ region: 'eu-west-1' });
    const config = load({ S3_BUCKET: 'docs-bucket', AWS_REGION: 'eu-west-1', S3_REGION: 'us-east-1' });
    expect(config.storage).toMatchObject({ backend: 's3', bucket: 'docs-bucket', region: 'us-east-1' });
    expect(config.aws.region).toBe('eu-west-1');
  });

  it('is enough for S3 without AWS_REGION, and must be a region', () => {
    expect(load({ S3_BUCKET: 'docs-bucket', S3_REGION: 'us-east-1' }).storage).toMatchObject({ region: 'us-east-1' });
    expect(problemsOf({ S3_BUCKET: 'docs-bucket', S3_REGION: 'moon' })).toEqual(['S3_REGION: must be an AWS region such as eu-west-1']);
  });
});

describe('CELERY_BROKER_URL', () => {
  it('alone is REDIS_URL: the job queue, rate limits and live events', () => {
    const config = load({ ...POSTGRES, CELERY_BROKER_URL: 'redis://localhost:6379/0' });
    expect(config.jobs).toMatchObject({ backend: 'bullmq', redisUrl: 'redis://localhost:6379/0' });
    expect(config.redisUrl).toBe('redis://localhost:6379/0');
  });

  it('the same as REDIS_URL (the specification block) is one Redis and no note', () => {
    const config = load({ ...POSTGRES, REDIS_URL: 'redis://localhost:6379/0', CELERY_BROKER_URL: 'redis://localhost:6379/0' });
    expect(config.jobs).toMatchObject({ backend: 'bullmq', redisUrl: 'redis://localhost:6379/0' });
    expect(config.notes).toEqual([]);
  });

  it('wins for the job queue when it differs from REDIS_URL, which keeps the rest, and says so', () => {
    const config = load({ ...POSTGRES, REDIS_URL: 'redis://cache:6379/1', CELERY_BROKER_URL: 'redis://queue:6379/0' });
    expect(config.jobs).toMatchObject({ backend: 'bullmq', redisUrl: 'redis://queue:6379/0' });
    expect(config.redisUrl).toBe('redis://cache:6379/1');
    expect(config.notes).toEqual([
      'CELERY_BROKER_URL and REDIS_URL are both set and differ: CELERY_BROKER_URL is used for the job queue; rate limits and live events use REDIS_URL',
    ]);
  });

  it('follows the job queue rules: a redis:// URL, a database workers can share, one queue', () => {
    expect(problemsOf({ ...POSTGRES, CELERY_BROKER_URL: 'amqp://rabbit' })).toEqual([
      'CELERY_BROKER_URL: must be a redis:// or rediss:// URL',
    ]);
    expect(problemsOf({ CELERY_BROKER_URL: 'redis://localhost:6379/0' })[0]).toMatch(/^CELERY_BROKER_URL: needs DATABASE_URL too/);
    const sqs = 'https://sqs.us-east-1.amazonaws.com/123456789012/opendeck-tasks';
    expect(problemsOf({ ...DYNAMO, SQS_QUEUE_URL: sqs, CELERY_BROKER_URL: 'redis://localhost:6379/0' })[0]).toBe(
      'SQS_QUEUE_URL: and CELERY_BROKER_URL are both set: choose one job queue',
    );
  });
});
