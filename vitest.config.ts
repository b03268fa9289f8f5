import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites share the machine's PostgreSQL; each uses its own schema or database, so files may run in parallel.
    pool: 'forks',
    reporters: ['default'],
  },
});
