/**
 * Every test file sits in a tier folder, so vitest.config.ts's two projects (fast, slow) between them run it:
 * a file elsewhere (test/queue/x.test.ts, say) would be run by neither `npm test` nor `npm run test:fast`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TIERS = ['unit', 'contract', 'http', 'e2e', 'fuzz'];
const testRoot = path.resolve(import.meta.dirname, '../..');

const testFiles = (readdirSync(testRoot, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.split(path.sep).join('/'));

describe('test tiers', () => {
  it('puts every test file under test/unit, test/contract, test/http, test/e2e or test/fuzz', () => {
    expect(testFiles.length).toBeGreaterThan(50);
    expect(testFiles.filter((f) => !TIERS.includes(f.split('/')[0]!))).toEqual([]);
  });
});
