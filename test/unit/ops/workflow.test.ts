/**
 * .github/workflows/ci.yml runs what .ci/run runs: the same commands, the same service versions and test
 * variables, then builds the image without pushing it. Read from .ci/run itself, so changing one without
 * the other fails here.
 */
import { describe, expect, it } from 'vitest';
import { readText, readYaml } from './support.js';

const workflow = readYaml('.github/workflows/ci.yml');
const ciRun = readText('.ci/run');
const jobs = workflow.jobs as Record<string, any>;
const steps = (job: string) => jobs[job].steps as { uses?: string; run?: string; with?: Record<string, unknown> }[];

/** .ci/run's top-level npm/npx commands, in order (the service start-up lines are the machine's, not CI's). */
const ciCommands = ciRun
  .split('\n')
  .filter((line) => /^(npm|npx) /.test(line))
  .map((line) => line.trim());

/** `export NAME=value` and `export NAME="${NAME:-default}"` lines of .ci/run, with their defaults. */
const ciVariables = Object.fromEntries(
  [...ciRun.matchAll(/^export ([A-Z_]+)=("?)(?:\$\{\1:-([^}]*)\}|([^"\s]*))\2$/gm)].map((m) => [m[1], m[3] ?? m[4]]),
) as Record<string, string>;

describe('GitHub workflow', () => {
  it('runs the same commands as .ci/run, in the same order', () => {
    expect(ciCommands).toEqual(expect.arrayContaining(['npm test']));
    const runs = steps('test').flatMap((s) =>
      s.run
        ? s.run
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : [],
    );
    expect(runs).toEqual(ciCommands);
  });

  it('with the same test variables, so missing services fail rather than skip', () => {
    expect(Object.keys(ciVariables).sort()).toEqual(['REQUIRE_SERVICES', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']);
    const env = jobs.test.env as Record<string, string>;
    for (const [name, value] of Object.entries(ciVariables)) expect(env[name], name).toBe(value);
  });

  it('against PostgreSQL 15 and Redis 7 service containers that are healthy before the tests start', () => {
    const services = jobs.test.services as Record<string, any>;
    expect(services.postgres.image).toMatch(/^postgres:15(\b|$)/);
    expect(services.redis.image).toMatch(/^redis:7(\b|$)/);
    expect(services.postgres.ports).toEqual(['5432:5432']);
    expect(services.redis.ports).toEqual(['6379:6379']);
    // The URL in TEST_DATABASE_URL names the user and database the service is created with, with trust auth.
    expect(ciVariables.TEST_DATABASE_URL).toBe(
      `postgres://${services.postgres.env.POSTGRES_USER}@127.0.0.1:5432/${services.postgres.env.POSTGRES_DB}`,
    );
    expect(services.postgres.env.POSTGRES_HOST_AUTH_METHOD).toBe('trust');
    for (const service of Object.values(services)) expect(service.options).toMatch(/--health-cmd/);
  });

  it('on Node 20 (what package.json engines allows) with Java 17 for DynamoDB Local', () => {
    const node = steps('test').find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('20');
    expect(JSON.parse(readText('package.json')).engines.node).toMatch(/^>=20\./);
    const java = steps('test').find((s) => s.uses?.startsWith('actions/setup-java@'));
    expect(String(java?.with?.['java-version'])).toBe('17');
    const checkout = steps('test').findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toBe(0);
  });

  it('then builds the Docker image from the repository, without pushing it', () => {
    expect(jobs.image.needs).toBe('test');
    const build = steps('image').find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({ context: '.', push: false });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });
});
