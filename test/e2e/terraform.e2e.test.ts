/**
 * infra/terraform through terraform itself, where it and the AWS provider are installed: `terraform fmt
 * -check`, `validate` and `test` (mocked provider, so offline: zip and image packaging, tracing, alarms) pass on
 * a copy of the folder. Where terraform is: TERRAFORM_BIN, else /usr/local/bin/terraform, else `terraform` on
 * PATH (hashicorp/setup-terraform on a GitHub runner). The provider comes from a local folder, never the
 * registry: TF_PLUGIN_DIR (the CI workflow fills one with `terraform providers mirror` before the tests), else
 * /opt/tf-plugins. Without either this is skipped with one loud line, unless REQUIRE_SERVICES=1 makes it a failure.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/postgres.js';

const run = promisify(execFile);
const DIR = 'infra/terraform';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

const TERRAFORM = process.env.TERRAFORM_BIN || (existsSync('/usr/local/bin/terraform') ? '/usr/local/bin/terraform' : onPath('terraform'));
const PLUGINS = process.env.TF_PLUGIN_DIR || '/opt/tf-plugins';

const available = TERRAFORM !== undefined && existsSync(TERRAFORM) && existsSync(PLUGINS);
if (!available) {
  requireOrSkip(
    `terraform (${TERRAFORM ?? 'not on PATH; set TERRAFORM_BIN'}) with the AWS provider in ${PLUGINS} (TF_PLUGIN_DIR): fmt, validate and test of ${DIR} not run`,
  );
}

describe.runIf(available)('terraform (offline, mocked AWS provider)', () => {
  it('passes fmt -check, validate and test', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'od-terraform-'));
    try {
      cpSync(DIR, work, { recursive: true, filter: (src) => !/[\\/]\.terraform/.test(src) });
      const tf = (...args: string[]) =>
        run(TERRAFORM!, args, { cwd: work, timeout: 180_000, env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
      await tf('fmt', '-check', '-recursive');
      await tf('init', '-backend=false', `-plugin-dir=${PLUGINS}`, '-input=false');
      expect((await tf('validate', '-no-color')).stdout).toContain('The configuration is valid');
      const { stdout } = await tf('test', '-no-color');
      expect(stdout).toMatch(/Success! \d+ passed, 0 failed/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
