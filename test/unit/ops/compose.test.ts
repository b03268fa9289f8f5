/**
 * docker-compose.yml, checked by parsing (no Docker engine on these machines): the four services, their
 * healthchecks (and that the app's and worker's healthcheck commands really work), start order, volumes,
 * and an environment for app and worker that the config module reads and accepts.
 */
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHeartbeat, WORKER_HEARTBEAT_FILE } from '../../../src/adapters/worker/heartbeat.js';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config/index.js';
import { healthcheckVerdicts, interpolate, readText, readYaml, runNodeScript } from './support.js';

const compose = readYaml('docker-compose.yml');
const services = compose.services as Record<string, any>;
const OPENDECK = ['app', 'worker'] as const;
/** What an operator must provide; everything else has a default. */
const OPERATOR_VARS = { SECRET_KEY: 'k'.repeat(48), POSTGRES_PASSWORD: 'a1b2c3d4e5f6' };

const environmentOf = (service: string, vars: Record<string, string> = OPERATOR_VARS): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[service].environment as Record<string, unknown>).map(([k, v]) => [k, interpolate(String(v ?? ''), vars)]),
  );

describe('docker-compose.yml', () => {
  it('runs the API, a worker, PostgreSQL 15 and Redis 7, the app and worker from this repository', () => {
    const always = Object.keys(services).filter((name) => !services[name].profiles);
    expect(always.sort()).toEqual(['app', 'postgres', 'redis', 'worker']);
    // Keycloak is opt-in: only `--profile keycloak` starts it, and nothing depends on it.
    expect(services.keycloak.profiles).toEqual(['keycloak']);
    for (const name of OPENDECK) expect(Object.keys(services[name].depends_on)).not.toContain('keycloak');
    expect(services.postgres.image).toMatch(/^postgres:15(\b|$)/);
    expect(services.redis.image).toMatch(/^redis:7(\b|$)/);
    for (const name of OPENDECK) expect(services[name].build).toBe('.');
    expect(services.app.image).toBe(services.worker.image);
    expect(services.app.command).toEqual(['node', 'dist/bin/cli.js', 'serve']);
    expect(services.worker.command).toEqual(['node', 'dist/bin/cli.js', 'worker']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax, checked as written
    expect(services.app.ports).toEqual(['${OPENDECK_PORT:-8000}:8000']);
  });

  it('gives every service a healthcheck, and starts app and worker only once the database and Redis are healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.[0], name).toMatch(/^CMD(-SHELL)?$/);
      expect(service.healthcheck.disable, name).toBeUndefined();
    }
    for (const name of OPENDECK) {
      expect(services[name].profiles).toBeUndefined();
      expect(services[name].depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
  });

  it('keeps data in named volumes, and app and worker share the uploaded files', () => {
    const declared = Object.keys(compose.volumes);
    const mounts = (name: string) => (services[name].volumes as string[]).map((v) => v.split(':'));
    expect(mounts('postgres')).toContainEqual(['pgdata', '/var/lib/postgresql/data']);
    expect(mounts('redis')).toContainEqual(['redisdata', '/data']);
    for (const name of OPENDECK) {
      expect(mounts(name)).toContainEqual(['opendeck-data', environmentOf(name).DATA_DIR]);
    }
    // Named volumes must be declared; bind mounts (the realm file Keycloak imports) start with ./
    for (const name of Object.keys(services)) {
      for (const [volume] of mounts(name)) if (!volume!.startsWith('./')) expect(declared).toContain(volume);
    }
    // Redis keeps jobs across restarts and never evicts BullMQ's keys.
    expect(services.redis.command.join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
  });

  it('gives app and worker only variables the config module reads, and a configuration it accepts', () => {
    for (const name of OPENDECK) {
      const env = environmentOf(name);
      expect(
        Object.keys(env).filter((key) => !CONFIG_VARIABLES.includes(key)),
        name,
      ).toEqual([]);
      expect(env).toMatchObject({ HOST: '0.0.0.0', ENV: 'production', REDIS_URL: 'redis://redis:6379' });
      expect(env.DATABASE_URL).toBe(`postgres://opendeck:${OPERATOR_VARS.POSTGRES_PASSWORD}@postgres:5432/opendeck`);
      const config = loadConfig({}, env);
      expect(config.secretKey).toBe(OPERATOR_VARS.SECRET_KEY);
      expect(config.jobs.backend === 'bullmq' && config.database.backend === 'postgres').toBe(true);
    }
    // The database password is the one PostgreSQL is created with.
    expect(environmentOf('postgres').POSTGRES_PASSWORD).toBe(OPERATOR_VARS.POSTGRES_PASSWORD);
  });

  it('refuses to start without the secrets instead of running with a default one', () => {
    expect(() => environmentOf('app', { POSTGRES_PASSWORD: 'x' })).toThrow(/SECRET_KEY is required/);
    expect(() => environmentOf('app', { SECRET_KEY: 'k'.repeat(48) })).toThrow(/POSTGRES_PASSWORD is required/);
  });

  it('lets app and worker drain (25 s) before Docker kills them', () => {
    for (const name of OPENDECK) {
      expect(services[name].stop_grace_period).toBe('30s');
      expect(services[name].init).toBe(true);
    }
  });

  it("has commands in the app's and the worker's healthchecks that really tell healthy from not", async () => {
    const appScript = (services.app.healthcheck.test as string[]).at(-1);
    expect(await healthcheckVerdicts(appScript!)).toEqual({ healthy: 0, unhealthy: 1, down: 1 });

    const workerScript = (services.worker.healthcheck.test as string[]).at(-1);
    const dir = mkdtempSync(path.join(tmpdir(), 'od-heartbeat-'));
    try {
      const env = { TMPDIR: dir };
      expect(await runNodeScript(workerScript!, env)).toBe(1); // no heartbeat yet
      const file = path.join(dir, path.basename(WORKER_HEARTBEAT_FILE));
      startHeartbeat(file, 60_000).stop();
      expect(await runNodeScript(workerScript!, env)).toBe(0);
      const stale = new Date(Date.now() - 60_000);
      utimesSync(file, stale, stale);
      expect(await runNodeScript(workerScript!, env)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a marked place for the optional keycloak profile', () => {
    expect(readText('docker-compose.yml')).toMatch(/keycloak \(optional profile\)/);
  });

  describe('profile aws-local', () => {
    const AWS = ['app-aws', 'worker-aws'] as const;
    /** Read by the AWS SDK's credential chain, not by the config module. */
    const SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
    const hostPort = (url: string) => new URL(url).host;

    it('starts DynamoDB Local, fauxqs, the API and an SQS worker only with the profile', () => {
      for (const name of ['dynamodb-local', 'fauxqs', ...AWS]) expect(services[name].profiles, name).toEqual(['aws-local']);
      expect(services['dynamodb-local'].image).toMatch(/^amazon\/dynamodb-local:/);
      expect(services.fauxqs.image).toMatch(/^kibertoad\/fauxqs:/);
      expect(services['app-aws'].command).toEqual(services.app.command);
      expect(services['worker-aws'].command).toEqual(services.worker.command);
      expect(services['app-aws'].depends_on).toEqual({
        'dynamodb-local': { condition: 'service_healthy' },
        fauxqs: { condition: 'service_healthy' },
      });
      expect(services['worker-aws'].depends_on).toEqual({ 'app-aws': { condition: 'service_healthy' } });
    });

    it('gives the API and the worker a configuration the config module accepts: DynamoDB, S3 and SQS, each at its emulator', () => {
      for (const name of AWS) {
        const env = environmentOf(name);
        expect(Object.keys(env).filter((key) => !CONFIG_VARIABLES.includes(key) && !SDK_VARIABLES.includes(key))).toEqual([]);
        const config = loadConfig({}, env);
        expect(config.database).toMatchObject({ backend: 'dynamo', endpointUrl: 'http://dynamodb-local:8000' });
        expect(config.storage).toMatchObject({ backend: 's3', endpointUrl: 'http://fauxqs:4566', bucket: 'opendeck-files' });
        expect(config.jobs).toMatchObject({ backend: 'sqs', endpointUrl: 'http://fauxqs:4566' });
      }
      expect(environmentOf('app-aws')).toEqual(environmentOf('worker-aws'));
    });

    it("creates in fauxqs the bucket and queue the app is given, the queue's dead-letter queue, and points at the emulators' ports", () => {
      const env = environmentOf('app-aws');
      const mount = (services.fauxqs.volumes as string[])
        .map((v) => v.split(':'))
        .find(([, inside]) => inside === services.fauxqs.environment.FAUXQS_INIT);
      expect(mount?.[0]).toBe('./deploy/fauxqs/init.json');
      const init = JSON.parse(readText('deploy/fauxqs/init.json')) as {
        queues: { name: string; attributes: Record<string, string> }[];
        buckets: string[];
      };
      expect(init.buckets).toContain(env.S3_BUCKET);
      const queueName = env.SQS_QUEUE_URL!.split('/').pop()!;
      const queue = init.queues.find((q) => q.name === queueName)!;
      expect(queue.attributes.FifoQueue).toBe('true');
      const redrive = JSON.parse(queue.attributes.RedrivePolicy!) as { deadLetterTargetArn: string; maxReceiveCount: string };
      expect(init.queues.map((q) => q.name)).toContain(redrive.deadLetterTargetArn.split(':').pop());
      // The Terraform default (variables.tf max_receive_count): above the outage retries' 7 runs.
      expect(Number(redrive.maxReceiveCount)).toBe(8);
      expect(hostPort(env.SQS_QUEUE_URL!)).toBe(`sqs.us-east-1.${services.fauxqs.environment.FAUXQS_HOST}:4566`);
      expect(hostPort(env.AWS_ENDPOINT_URL_DYNAMODB!)).toBe('dynamodb-local:8000');
      expect(services['dynamodb-local'].healthcheck.test.join(' ')).toContain('/8000');
    });
  });
});
