/**
 * infra/terraform, read as text: the variables the functions get are ones src/config.ts reads and accepts, and
 * the tables match src/infra/dynamo/tables.ts. terraform itself (fmt, validate, test) runs in
 * test/e2e/terraform.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config/index.js';
import { TTL_ATTRIBUTE, tableDefinitions } from '../../../src/infra/dynamo/tables.js';
import { readText } from './support.js';

const DIR = 'infra/terraform';

interface TfTable {
  hash_key?: string;
  range_key?: string;
  /** The nested blocks of one type (attribute, global_secondary_index, ...), each as its `name = value` pairs. */
  blocks(type: string): Record<string, string>[];
}

/** Each `resource "aws_dynamodb_table" "<kind>"` of dynamodb.tf: its top-level keys and its nested blocks. */
function dynamoTables(text: string): Record<string, TfTable> {
  const tables: Record<string, TfTable> = {};
  const value = (raw: string) => raw.trim().replace(/^"(.*)"$/, '$1');
  for (const [, kind, body] of text.matchAll(/^resource "aws_dynamodb_table" "(\w+)" \{\n([\s\S]*?)^\}/gm)) {
    const top: Record<string, string> = {};
    const nested: { type: string; fields: Record<string, string> }[] = [];
    let open: { type: string; fields: Record<string, string> } | null = null;
    for (const line of body!.split('\n')) {
      const start = /^ {2}(\w+) \{$/.exec(line);
      const pair = /^\s*(\w+)\s*=\s*(.+)$/.exec(line);
      if (start) {
        open = { type: start[1]!, fields: {} };
        nested.push(open);
      } else if (/^ {2}\}$/.test(line)) open = null;
      else if (pair) (open ? open.fields : top)[pair[1]!] = value(pair[2]!);
    }
    tables[kind!] = {
      hash_key: top.hash_key,
      range_key: top.range_key,
      blocks: (type) => nested.filter((b) => b.type === type).map((b) => b.fields),
    };
  }
  return tables;
}

/**
 * The keys of `lambda_environment = merge(tomap({ ... }), <condition> ? {} : { NAME = ... })` in locals.tf (the
 * map, then the entries added on a condition), with their literal values where they have one.
 */
function lambdaEnvironment(): Record<string, string> {
  const text = readText(`${DIR}/locals.tf`);
  const found = /lambda_environment = (?:merge\()?tomap\(\{([\s\S]*?)\n {2}\}\)(.*)/.exec(text);
  if (!found) throw new Error('lambda_environment not found in locals.tf');
  const block = `${found[1]}\n${(found[2] ?? '').replaceAll(/[{}]/g, '\n')}`;
  return Object.fromEntries(
    [...block.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.+?)\s*\)?$/gm)].map(([, name, value]) => [
      name!,
      /^"([^"$]*)"$/.exec(value!.trim())?.[1] ?? '<computed>',
    ]),
  );
}

describe('Terraform and the configuration module', () => {
  it('gives the functions only variables src/config.ts reads, and all that AWS mode needs', () => {
    const env = lambdaEnvironment();
    expect(Object.keys(env).filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    for (const name of [
      'ENV',
      'DB_BACKEND',
      'USERS_TABLE',
      'DECKS_TABLE',
      'FLASHCARDS_TABLE',
      'DOCUMENTS_TABLE',
      'S3_BUCKET',
      'SQS_QUEUE_URL',
      'SECRETS_MANAGER_SECRET_ID',
    ]) {
      expect(env, name).toHaveProperty(name);
    }
    // Reserved by Lambda (it sets it itself) or secret (Secrets Manager): never a function variable.
    for (const name of ['AWS_REGION', 'SECRET_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY']) expect(env).not.toHaveProperty(name);
  });

  it('is a configuration the module accepts once Lambda and the secret add theirs', () => {
    const values: Record<string, string> = {
      ...lambdaEnvironment(),
      USERS_TABLE: 'opendeck-users',
      DECKS_TABLE: 'opendeck-decks',
      FLASHCARDS_TABLE: 'opendeck-flashcards',
      DOCUMENTS_TABLE: 'opendeck-documents',
      S3_BUCKET: 'opendeck-prod-files-123456789012',
      SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/opendeck-jobs.fifo',
      SECRETS_MANAGER_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:opendeck/app-AbCdEf',
      AI_PROVIDER: 'offline',
      MAX_UPLOAD_MB: '20',
      CORS_ORIGINS: '',
      LOG_LEVEL: 'info',
      AWS_REGION: 'eu-west-1',
      SECRET_KEY: 's'.repeat(40),
      // As terraform sets them with enable_cognito (cognito.tf, locals.tf): the pool's issuer and the app client id.
      AUTH_PROVIDER: 'both',
      OIDC_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      OIDC_AUDIENCE: '4k2v7sample0client0id0abc',
    };
    const config = loadConfig({}, values);
    expect(config).toMatchObject({
      env: 'production',
      database: { backend: 'dynamo' },
      storage: { backend: 's3', bucket: values.S3_BUCKET },
      jobs: { backend: 'sqs', queueUrl: values.SQS_QUEUE_URL },
    });
    expect(config.auth).toMatchObject({ provider: 'both', oidc: { issuer: values.OIDC_ISSUER, audience: values.OIDC_AUDIENCE } });
    // Without Cognito terraform sets AUTH_PROVIDER=local and the OIDC variables to "" (unset for the module).
    expect(loadConfig({}, { ...values, AUTH_PROVIDER: 'local', OIDC_ISSUER: '', OIDC_AUDIENCE: '' }).auth).toEqual({
      provider: 'local',
      oidc: null,
    });
  });

  it('declares the tables, keys and indexes of src/infra/dynamo/tables.ts, table by table', () => {
    const tf = readText(`${DIR}/dynamodb.tf`);
    const defs = tableDefinitions({ users: 'u', decks: 'd', flashcards: 'f', documents: 'o' });
    const tables = dynamoTables(tf);
    expect(Object.keys(tables).sort()).toEqual(Object.keys(defs).sort());
    for (const [kind, def] of Object.entries(defs)) {
      const table = tables[kind]!;
      const keyOf = (schema: typeof def.KeySchema, type: string) => schema!.find((k) => k.KeyType === type)?.AttributeName;
      expect({ hash: table.hash_key, range: table.range_key }, kind).toEqual({
        hash: keyOf(def.KeySchema, 'HASH'),
        range: keyOf(def.KeySchema, 'RANGE'),
      });
      expect(
        table
          .blocks('attribute')
          .map((a) => a.name)
          .sort(),
        kind,
      ).toEqual(def.AttributeDefinitions!.map((a) => a.AttributeName).sort());
      const gsis = (def.GlobalSecondaryIndexes ?? []).map((i) => ({
        name: i.IndexName,
        hash_key: keyOf(i.KeySchema, 'HASH'),
        range_key: keyOf(i.KeySchema, 'RANGE'),
        projection_type: i.Projection!.ProjectionType,
      }));
      expect(table.blocks('global_secondary_index'), kind).toEqual(expect.arrayContaining(gsis));
      expect(table.blocks('global_secondary_index'), kind).toHaveLength(gsis.length);
      // A local index shares the table's partition key: Terraform names only its sort key.
      const lsis = (def.LocalSecondaryIndexes ?? []).map((i) => ({
        name: i.IndexName,
        range_key: keyOf(i.KeySchema, 'RANGE'),
        projection_type: i.Projection!.ProjectionType,
      }));
      expect(table.blocks('local_secondary_index'), kind).toEqual(lsis);
    }
    expect(tables.users!.blocks('ttl')).toEqual([{ attribute_name: TTL_ATTRIBUTE, enabled: 'true' }]);
  });
});
