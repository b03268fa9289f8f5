import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test tiers by folder (README "Tests"): test/unit, test/contract, test/http, test/e2e, test/fuzz.
 * A contract or http file that needs a server names it in its file name (postgres, dynamo, redis,
 * bullmq, sqs, s3), which moves it out of the fast project. test/unit/ops/test-tiers.test.ts checks that every
 * test file lands in exactly one project.
 */
export const SERVICE_FILES = 'test/{contract,http}/**/*{postgres,dynamo,redis,bullmq,sqs,s3}*.test.ts';
export const FAST_FILES = ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/http/**/*.test.ts'];
export const SLOW_FILES = ['test/e2e/**/*.test.ts', 'test/fuzz/**/*.test.ts', SERVICE_FILES];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites share the machine's PostgreSQL; each uses its own schema or database, so files may run in parallel.
    pool: 'forks',
    reporters: ['default'],
    projects: [
      // `npm run test:fast`: no server and no started process (memory, PGlite, app.request). The script adds
      // --no-isolate (files share one module graph per worker: half the time, mostly imports); `npm test` runs
      // the same files isolated, so a test that only passes thanks to another file's leftovers still fails there.
      { extends: true, test: { name: 'fast', include: FAST_FILES, exclude: [...configDefaults.exclude, SERVICE_FILES] } },
      // With `fast`, what `npm test` runs: PostgreSQL, Redis, DynamoDB Local, fauxqs, started processes, the fuzz run.
      { extends: true, test: { name: 'slow', include: SLOW_FILES } },
    ],
  },
});
