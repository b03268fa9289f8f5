import { describe, expect, it } from 'vitest';
import { problemsOf } from './config-support.js';
import { loadConfig } from '../../../src/config/index.js';

const DYNAMO = { DB_BACKEND: 'dynamo', AWS_REGION: 'eu-west-1', SECRET_KEY: 's'.repeat(40) };

describe('DB_BACKEND and the DynamoDB tables', () => {
  it('defaults to PostgreSQL, with the four default table names', () => {
    expect(loadConfig({}, {}).database.backend).toBe('pglite');
    expect(loadConfig({}, { ...DYNAMO }).database).toMatchObject({
      backend: 'dynamo',
      tables: { users: 'opendeck-users', decks: 'opendeck-decks', flashcards: 'opendeck-flashcards', documents: 'opendeck-documents' },
    });
  });

  it('takes dynamo with its region, endpoint and table names', () => {
    const config = loadConfig(
      {},
      { ...DYNAMO, AWS_ENDPOINT_URL: 'http://127.0.0.1:8000', USERS_TABLE: 'prod.users', FLASHCARDS_TABLE: 'prod_cards' },
    );
    expect(config.database).toMatchObject({
      backend: 'dynamo',
      region: 'eu-west-1',
      endpointUrl: 'http://127.0.0.1:8000',
      tables: { users: 'prod.users', flashcards: 'prod_cards', decks: 'opendeck-decks' },
    });
    expect(config.aws).toMatchObject({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:8000' });
  });

  it('gives each service its own AWS_ENDPOINT_URL_<SERVICE>, which wins over AWS_ENDPOINT_URL', () => {
    const config = loadConfig(
      {},
      {
        ...DYNAMO,
        S3_BUCKET: 'files',
        SQS_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/jobs',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8100',
      },
    );
    expect(config.database).toMatchObject({ backend: 'dynamo', endpointUrl: 'http://127.0.0.1:8100' });
    expect(config.storage).toMatchObject({ backend: 's3', endpointUrl: 'http://127.0.0.1:4566' });
    expect(config.jobs).toMatchObject({ backend: 'sqs', endpointUrl: 'http://127.0.0.1:4566' });

    const apart = loadConfig(
      {},
      {
        ...DYNAMO,
        S3_BUCKET: 'files',
        SQS_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/jobs',
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000',
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
      },
    );
    expect(apart.database).toMatchObject({ backend: 'dynamo', endpointUrl: undefined });
    expect(apart.storage).toMatchObject({ backend: 's3', endpointUrl: 'http://127.0.0.1:9000' });
    expect(apart.jobs).toMatchObject({ backend: 'sqs', endpointUrl: 'http://127.0.0.1:9324' });
    expect(problemsOf({ ...DYNAMO, AWS_ENDPOINT_URL_SQS: 'localhost:9324' })).toEqual([
      'AWS_ENDPOINT_URL_SQS: must be an http(s) URL such as http://127.0.0.1:4566',
    ]);
  });

  it('needs a region and a shared signing key, and refuses DATABASE_URL beside it', () => {
    expect(problemsOf({ DB_BACKEND: 'dynamo' })).toEqual([
      'AWS_REGION: is required with DB_BACKEND=dynamo (Lambda sets it by itself)',
      'SECRET_KEY: is required with DB_BACKEND=dynamo: every instance must sign tokens with the same key',
    ]);
    expect(problemsOf({ ...DYNAMO, DATABASE_URL: 'postgres://localhost/x' })).toEqual([
      'DATABASE_URL: is set but DB_BACKEND=dynamo keeps the data in DynamoDB: unset one of them',
    ]);
  });

  it('lets workers share Redis without DATABASE_URL when the data is in DynamoDB', () => {
    expect(loadConfig({}, { ...DYNAMO, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379' })[0]).toMatch(/^REDIS_URL: needs DATABASE_URL too/);
  });

  it('names a bad backend or table name', () => {
    expect(problemsOf({ DB_BACKEND: 'mysql' })[0]).toMatch(/^DB_BACKEND: /);
    expect(problemsOf({ DECKS_TABLE: 'a b' })).toEqual([
      'DECKS_TABLE: must be a DynamoDB table name (3-255 letters, digits, "_", "-" or ".")',
    ]);
  });
});
