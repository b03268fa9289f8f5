/** loadEnvFile: a .env file joins the environment under it (variables already set win); a named file must exist. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadEnvFile } from '../../../src/config/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'od-env-file-unit-'));
const NAMES = ['OD_ENV_FILE_TEST_A', 'OD_ENV_FILE_TEST_B', 'OD_ENV_FILE_TEST_C'];
afterEach(() => {
  for (const name of NAMES) delete process.env[name];
});

describe('loadEnvFile', () => {
  it('adds the file variables the environment lacks, keeping those it has', () => {
    const file = path.join(dir, 'a.env');
    writeFileSync(file, '# a comment\nOD_ENV_FILE_TEST_A=from-file\nOD_ENV_FILE_TEST_B="quoted value"\nexport OD_ENV_FILE_TEST_C=file\n');
    process.env.OD_ENV_FILE_TEST_C = 'real';
    expect(loadEnvFile(file)).toBe(file);
    expect(process.env.OD_ENV_FILE_TEST_A).toBe('from-file');
    expect(process.env.OD_ENV_FILE_TEST_B).toBe('quoted value');
    expect(process.env.OD_ENV_FILE_TEST_C).toBe('real');
  });

  it('refuses a named file that is not there or not a file, naming the flag and the path', () => {
    const missing = path.join(dir, 'missing.env');
    expect(() => loadEnvFile(missing)).toThrow(ConfigError);
    expect(() => loadEnvFile(missing)).toThrow(`--env-file: ${missing} could not be read (no such file)`);
    expect(() => loadEnvFile(dir)).toThrow(`--env-file: ${dir} could not be read (not a readable file)`);
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
