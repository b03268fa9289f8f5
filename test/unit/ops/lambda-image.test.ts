/**
 * deploy/lambda/Dockerfile, checked by parsing (no Docker engine here): the Lambda functions as one container
 * image on AWS's Lambda Node.js 20 base image, built by the same `npm run build:lambda` as the zip, with a
 * command per handler that exists in that build and that Terraform's image_config names; its build context
 * (Dockerfile.dockerignore) holds exactly what its COPY lines need.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, readText } from './support.js';

const FILE = 'deploy/lambda/Dockerfile';
const stages = parseDockerfile(readText(FILE));
const runtime = stages.at(-1)!;
const args = (stage: typeof runtime, op: string) => stage.filter((i) => i.op === op).map((i) => i.args);

describe('deploy/lambda/Dockerfile', () => {
  it("runs on AWS's Lambda Node.js 20 base image, from the bundles of npm run build:lambda", () => {
    expect(args(runtime, 'FROM')[0]).toMatch(/(^|\s)public\.ecr\.aws\/lambda\/nodejs:20(\s|$)/);
    const build = stages[0]!;
    expect(args(build, 'RUN')).toContain('npm run build:lambda');
    expect(JSON.parse(readText('package.json')).scripts['build:lambda']).toBe('node scripts/build-lambda.mjs');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own variable, checked as written
    expect(args(runtime, 'COPY')).toContain('--from=build /build/dist-lambda/ ${LAMBDA_TASK_ROOT}/');
  });

  it('starts the API handler by default; the worker is the same image with the command sqs.handler', () => {
    const cmd = args(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0]!)).toEqual(['http.handler']);
    // The handler modules build-lambda writes (entry points http and sqs, .mjs), and the commands Terraform sets.
    const build = readText('scripts/build-lambda.mjs');
    expect(build).toMatch(/http: path\.join\(root, 'src\/bin\/lambda-http\.ts'\), sqs: path\.join\(root, 'src\/bin\/lambda-sqs\.ts'\)/);
    const lambda = readText('infra/terraform/lambda.tf');
    expect(lambda).toMatch(/command = \["http\.handler"\]/);
    expect(lambda).toMatch(/command = \["sqs\.handler"\]/);
    for (const entry of ['src/bin/lambda-http.ts', 'src/bin/lambda-sqs.ts'])
      expect(readText(entry)).toMatch(/export async function handler\(/);
  });

  it('is x86_64 like the zip: the bundle carries the linux-x64-gnu argon2 binary', () => {
    for (const stage of stages) expect(args(stage, 'FROM')[0]).toMatch(/^--platform=linux\/amd64 /);
  });

  it('has a build context of exactly what its COPY lines need (Dockerfile.dockerignore beside it)', () => {
    const lines = readText(`${FILE}.dockerignore`)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    const sources = stages
      .flatMap((stage) => args(stage, 'COPY'))
      .filter((a) => !a.startsWith('--from'))
      .flatMap((a) => a.split(/\s+/).slice(0, -1))
      .map((s) => s.replace(/\/$/, ''));
    for (const source of sources) {
      expect(allowed, source).toContain(source);
      expect(existsSync(source), source).toBe(true);
    }
    expect([...allowed].sort()).toEqual([...new Set(sources)].sort());
    // What build-lambda.mjs reads besides its own COPY lines: node_modules comes from npm ci in the stage.
    for (const secret of ['.env', 'data', 'node_modules', '.git', 'test']) expect(allowed).not.toContain(secret);
  });
});
