import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemsOf } from './config-support.js';
import { loadConfig, parseDuration } from '../../../src/config/index.js';

const load = (env: Record<string, string>) => loadConfig({}, env);

describe('loadConfig', () => {
  it('has working defaults for the embedded mode', () => {
    const config = load({});
    expect(config).toMatchObject({
      env: 'development',
      port: 8000,
      host: '127.0.0.1',
      database: { backend: 'pglite', dataDir: path.resolve('./data') },
      jobs: { backend: 'in-process' },
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86400,
      logLevel: 'info',
      corsOrigins: [],
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads durations, origins and the database URL', () => {
    const config = load({
      ACCESS_TOKEN_TTL: '5m',
      REFRESH_TOKEN_TTL: '7d',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      DATABASE_URL: 'postgres://u@db:5432/opendeck',
    });
    expect(config.accessTokenTtlSeconds).toBe(300);
    expect(config.refreshTokenTtlSeconds).toBe(7 * 86400);
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.database).toEqual({ backend: 'postgres', url: 'postgres://u@db:5432/opendeck', poolMax: 10 });
  });

  it('names every bad variable', () => {
    const problems = problemsOf({ PORT: 'eighty', ACCESS_TOKEN_TTL: 'soon', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'ACCESS_TOKEN_TTL', 'LOG_LEVEL', 'DATABASE_URL']));
  });

  it('requires SECRET_KEY in production, and a long one', () => {
    expect(problemsOf({ ENV: 'production' })[0]).toMatch(/^SECRET_KEY: is required/);
    expect(problemsOf({ SECRET_KEY: 'short' })[0]).toMatch(/^SECRET_KEY: must be at least 32/);
    expect(load({ ENV: 'production', SECRET_KEY: 's'.repeat(32) }).secretKey).toBe('s'.repeat(32));
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ PORT: '9001', HOST: undefined }, { PORT: '8001' }).port).toBe(9001);
  });

  it('refuses CORS origins with paths', () => {
    expect(problemsOf({ CORS_ORIGINS: 'https://app.example.com/path' })[0]).toMatch(/^CORS_ORIGINS/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['900', 900],
    ['15m', 900],
    ['2h', 7200],
    ['30d', 2592000],
    ['0', null],
    ['-5m', null],
    ['5 weeks', null],
  ])('%s -> %s', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });
});

describe('loadConfig: documents and AI', () => {
  it('defaults to local files in DATA_DIR, 20 MB uploads, and no explicit AI provider', () => {
    const config = load({ DATA_DIR: '/srv/od' });
    expect(config.storage).toEqual({ backend: 'local', path: '/srv/od/files' });
    expect(config.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(config.ai.provider).toBeUndefined();
    expect(config.ai.monthlyTokenBudget).toBeNull();
  });

  it('needs a key (or a local base URL) for the provider it is told to use', () => {
    expect(problemsOf({ AI_PROVIDER: 'openai' })[0]).toMatch(/^OPENAI_API_KEY: is required/);
    expect(problemsOf({ AI_PROVIDER: 'anthropic' })[0]).toMatch(/^ANTHROPIC_API_KEY: is required/);
    expect(load({ AI_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1' }).ai.openai.baseUrl).toBe(
      'http://localhost:11434/v1',
    );
  });

  it('takes Amazon Bedrock with AWS_REGION, a default Claude inference profile and an optional endpoint', () => {
    expect(problemsOf({ AI_PROVIDER: 'bedrock' })[0]).toMatch(/^AWS_REGION: is required when AI_PROVIDER=bedrock/);
    const config = load({ AI_PROVIDER: 'bedrock', AWS_REGION: 'eu-west-1' });
    expect(config.ai.provider).toBe('bedrock');
    expect(config.ai.bedrock).toEqual({
      modelId: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
      region: 'eu-west-1',
      endpointUrl: undefined,
    });
    const custom = load({
      AI_PROVIDER: 'bedrock',
      AWS_REGION: 'us-east-1',
      BEDROCK_MODEL_ID: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com',
    });
    expect(custom.ai.bedrock.modelId).toMatch(/^arn:aws:bedrock:.*inference-profile\/us\.anthropic/);
    expect(custom.ai.bedrock.endpointUrl).toBe('https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com');
    expect(problemsOf({ BEDROCK_MODEL_ID: 'two words', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'ftp://x' }).map((p) => p.split(':')[0])).toEqual([
      'BEDROCK_MODEL_ID',
      'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
    ]);
  });

  it('names bad AI and queue settings', () => {
    const problems = problemsOf({ AI_PROVIDER: 'gemini', REDIS_URL: 'http://x', MAX_UPLOAD_MB: '-1', AI_TIMEOUT: 'never' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['AI_PROVIDER', 'REDIS_URL', 'MAX_UPLOAD_MB', 'AI_TIMEOUT']),
    );
  });
});
