/**
 * The specification's "Environment Variables" section, copied verbatim into test/fixtures (every line), loaded
 * as an operator following it would: the on-premises deployment (Common, PostgreSQL, AI, Storage and Background
 * "On-Prem") and the AWS one (Common, DynamoDB, AI, Storage and Background "AWS"), through the same start-up
 * path as `opendeck` and the Lambdas (loadConfigWithSecrets). Where the document offers choices (ENV=a|b|c)
 * each one is loaded; its placeholders are filled: <random-secret-key> with a random key and the elided account
 * (".../") of the queue URL with an account id. Nothing else is changed: gpt-4, sk-..., /var/opendeck/documents
 * and redis://localhost:6379/0 are loaded as they are.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProvider } from '../../../src/wiring/generator-registry.js';
import { loadConfigWithSecrets } from '../../../src/wiring/load-config.js';

const FIXTURE = path.resolve('test/fixtures/specification-environment-variables.txt');
const text = readFileSync(FIXTURE, 'utf8');

interface Line {
  section: string;
  /** "On-Prem" or "AWS" where the section splits, else "". */
  place: string;
  name: string;
  value: string;
}

function parse(): Line[] {
  const lines: Line[] = [];
  let section = '';
  let place = '';
  for (const raw of text.split('\n')) {
    const heading = /^\*\*(.+?):\*\*$/.exec(raw.trim());
    if (heading) [section, place] = [heading[1]!, ''];
    const comment = /^#\s*(On-Prem|AWS)\s*$/.exec(raw.trim());
    if (comment) place = comment[1]!;
    const assignment = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(raw);
    if (assignment) lines.push({ section, place, name: assignment[1]!, value: assignment[2]! });
  }
  return lines;
}

const LINES = parse();
const SECRET_KEY = randomBytes(36).toString('base64url');
const filled = (value: string): string => value.replace(/^<random-secret-key>$/, SECRET_KEY).replace(/\/\.\.\.\//, '/123456789012/');

type Deployment = 'on-prem' | 'aws';
const SECTIONS: Record<Deployment, string[]> = {
  'on-prem': ['Common', 'PostgreSQL (On-Prem)', 'AI Services', 'Storage', 'Background Processing'],
  aws: ['Common', 'DynamoDB (AWS)', 'AI Services', 'Storage', 'Background Processing'],
};
const PLACE: Record<Deployment, string> = { 'on-prem': 'On-Prem', aws: 'AWS' };
const BACKEND: Record<Deployment, string> = { 'on-prem': 'postgres', aws: 'dynamo' };

/** The deployment's lines, with ENV set to `env` and DB_BACKEND to the deployment's choice. */
function environment(deployment: Deployment, env: string): Record<string, string> {
  const chosen = LINES.filter((l) => SECTIONS[deployment].includes(l.section) && (l.place === '' || l.place === PLACE[deployment]));
  const values: Record<string, string> = {};
  for (const { name, value } of chosen) {
    if (value.includes('|')) {
      const choice = name === 'ENV' ? env : BACKEND[deployment];
      expect(value.split('|'), name).toContain(choice);
      values[name] = choice;
    } else values[name] = filled(value);
  }
  return values;
}

const ENVS = LINES.find((l) => l.name === 'ENV')!.value.split('|');

describe("the specification's Environment Variables block", () => {
  it('is the whole section, and each of its lines belongs to a deployment below', () => {
    expect(text.startsWith('### Environment Variables')).toBe(true);
    expect(LINES.map((l) => l.name)).toEqual([
      'ENV',
      'LOG_LEVEL',
      'SECRET_KEY',
      'DB_BACKEND',
      'DATABASE_URL',
      'AWS_REGION',
      'DYNAMO_DECKS_TABLE',
      'DYNAMO_CARDS_TABLE',
      'DYNAMO_USERS_TABLE',
      'DYNAMO_DOCS_TABLE',
      'OPENAI_API_KEY',
      'OPENAI_MODEL',
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_MODEL',
      'STORAGE_PATH',
      'S3_BUCKET',
      'S3_REGION',
      'REDIS_URL',
      'CELERY_BROKER_URL',
      'SQS_QUEUE_URL',
    ]);
    const used = new Set([...Object.keys(environment('on-prem', 'production')), ...Object.keys(environment('aws', 'production'))]);
    expect(LINES.filter((l) => !used.has(l.name))).toEqual([]);
    expect(ENVS).toEqual(['production', 'development', 'local']);
  });

  it.each(ENVS)('on premises with ENV=%s: PostgreSQL, local files, jobs on Redis, OpenAI', async (env) => {
    const { config } = await loadConfigWithSecrets({}, environment('on-prem', env));
    expect(config.env).toBe(env === 'local' ? 'development' : env);
    expect(config.logLevel).toBe('info');
    expect(config.secretKey).toBe(SECRET_KEY);
    expect(config.database).toEqual({ backend: 'postgres', url: 'postgresql://user:pass@localhost:5432/opendeck', poolMax: 10 });
    expect(config.storage).toEqual({ backend: 'local', path: '/var/opendeck/documents' });
    expect(config.jobs).toMatchObject({ backend: 'bullmq', redisUrl: 'redis://localhost:6379/0' });
    expect(config.redisUrl).toBe('redis://localhost:6379/0');
    expect(config.ai.openai).toMatchObject({ apiKey: 'sk-...', model: 'gpt-4' });
    expect(config.ai.anthropic).toMatchObject({ apiKey: 'sk-ant-...', model: 'claude-3-sonnet-20240229' });
    expect(defaultProvider(config.ai)).toBe('openai');
    expect(config.notes).toEqual([]);
  });

  it.each(ENVS)('on AWS with ENV=%s: the DYNAMO_*_TABLE tables, the bucket in S3_REGION, jobs on SQS', async (env) => {
    const { config } = await loadConfigWithSecrets({}, environment('aws', env));
    expect(config.env).toBe(env === 'local' ? 'development' : env);
    expect(config.database).toMatchObject({
      backend: 'dynamo',
      region: 'us-east-1',
      tables: { decks: 'opendeck-decks', flashcards: 'opendeck-cards', users: 'opendeck-users', documents: 'opendeck-documents' },
    });
    expect(config.storage).toMatchObject({ backend: 's3', bucket: 'opendeck-documents', region: 'us-east-1' });
    expect(config.jobs).toMatchObject({ backend: 'sqs', queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/opendeck-tasks' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.notes).toEqual([]);
  });
});
