/**
 * The Dockerfile and .dockerignore, checked by parsing (no Docker engine here): multi-stage with a
 * production-only install, a non-root runtime, a working HEALTHCHECK, exec-form CMD, nothing secret inside,
 * and a build context that holds what the COPY lines need and nothing private.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../../src/config/index.js';
import { healthcheckVerdicts, parseDockerfile, readText, type Instruction } from './support.js';

const text = readText('Dockerfile');
const stages = parseDockerfile(text);
const runtime = stages.at(-1)!;
const all = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);
const one = (op: string) => {
  const found = all(runtime, op);
  expect(found, op).toHaveLength(1);
  return found[0]!;
};
/** ENV in both forms: `KEY=value KEY2=value` and the legacy `KEY value`. */
const envOf = (stage: Instruction[]) =>
  Object.fromEntries(
    all(stage, 'ENV').flatMap((args): [string, string][] =>
      args.includes('=')
        ? [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')])
        : [[args.split(/\s+/)[0]!, args.split(/\s+/).slice(1).join(' ')]],
    ),
  ) as Record<string, string>;

describe('Dockerfile', () => {
  it('builds in stages: devDependencies to compile, a production-only install for the runtime', () => {
    const names = stages.map((stage) => /\bAS\s+(\S+)$/i.exec(stage[0]!.args)?.[1]);
    expect(names).toEqual(['build', 'deps', 'runtime']);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-[a-z]*-?(slim|alpine)$/m);
    const [build, deps] = stages;
    expect(all(build!, 'RUN')).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b(?!.*--omit)/), 'npm run build']));
    expect(all(deps!, 'RUN').join(' ')).toMatch(/npm ci --omit=dev/);
    const copies = all(runtime, 'COPY');
    expect(copies).toContain('--from=deps /app/node_modules ./node_modules');
    expect(copies).toContain('--from=build /app/dist ./dist');
    // Read at run time: package.json (the version) and the SQL migrations, found next to dist/.
    expect(copies).toEqual(expect.arrayContaining(['package.json ./', 'migrations ./migrations']));
    expect(all(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user with /data as its only writable volume', () => {
    const user = one('USER');
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(runtime.findIndex((i) => i.op === 'USER')).toBeLessThan(runtime.findIndex((i) => i.op === 'CMD'));
    expect(one('VOLUME')).toBe('["/data"]');
    expect(all(runtime, 'RUN').join(' ')).toMatch(/chown node:node \/data/);
  });

  it('sets only variables the config module reads, listens on all interfaces, and exposes 8000', () => {
    const env = envOf(runtime);
    expect(env).toMatchObject({ HOST: '0.0.0.0', DATA_DIR: '/data', PORT: '8000' });
    expect(Object.keys(env).filter((key) => !CONFIG_VARIABLES.includes(key))).toEqual([]);
    expect(one('EXPOSE')).toBe(env.PORT);
  });

  it('bakes in no secret', () => {
    for (const stage of stages) {
      const names = [...Object.keys(envOf(stage)), ...all(stage, 'ARG').map((a) => a.split('=')[0]!)];
      expect(names.filter((n) => /SECRET|PASSWORD|TOKEN|_KEY$|CREDENTIAL/i.test(n))).toEqual([]);
      expect(all(stage, 'COPY').join('\n')).not.toMatch(/\.env\b|secret\.key|\bdata\//);
    }
  });

  it('starts `opendeck serve` in exec form, so node is PID 1 and gets SIGTERM itself', () => {
    expect(JSON.parse(one('CMD'))).toEqual(['node', 'dist/bin/cli.js', 'serve']);
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
    expect(existsSync('src/bin/cli.ts')).toBe(true);
    expect(JSON.parse(readFileSync('tsconfig.build.json', 'utf8')).compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
  });

  it('has a HEALTHCHECK whose command really tells a healthy /health from a failing one', async () => {
    const healthcheck = one('HEALTHCHECK');
    expect(healthcheck).toMatch(/--start-period=\d+s/);
    const command = JSON.parse(/CMD\s+(\[.*\])$/.exec(healthcheck)![1]!) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(await healthcheckVerdicts(command[2]!)).toEqual({ healthy: 0, unhealthy: 1, down: 1 });
  });
});

describe('.dockerignore', () => {
  const lines = readText('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));

  it('sends only what the COPY lines need: an allowlist', () => {
    expect(lines[0]).toBe('*');
    const sources = stages
      .flatMap((stage) => all(stage, 'COPY'))
      .filter((args) => !args.startsWith('--from'))
      .flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) {
      expect(allowed, source).toContain(source.replace(/\/$/, ''));
      expect(existsSync(source), source).toBe(true);
    }
    for (const kept of allowed) expect(sources.map((s) => s.replace(/\/$/, ''))).toContain(kept);
  });

  it('keeps local data, keys, modules built for this host and git out of the build context', () => {
    for (const secret of ['.env', 'data', 'node_modules', 'dist', '.git', 'test']) expect(allowed).not.toContain(secret);
  });
});
