/** Helpers for the tests that check the delivery files (Dockerfile, compose, CI workflow) by parsing them. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

export const readText = (file: string) => readFileSync(file, 'utf8');

/** YAML as Docker Compose reads it: `<<` merge keys are resolved. */
export const readYaml = (file: string) => parse(readText(file), { merge: true }) as Record<string, any>;

/**
 * Compose's interpolation: `${NAME}`, `${NAME:-default}`, `${NAME-default}` and `${NAME:?error}`, which fails
 * when NAME is unset or empty. `$$` is a literal dollar.
 */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (_whole, name: string | undefined, op: string | undefined, arg: string) => {
      if (!name) return '$';
      const set = vars[name];
      const empty = set === undefined || (op?.startsWith(':') && set === '');
      if (op?.endsWith('?') && empty) throw new Error(`${name} is required: ${arg}`);
      if (op?.endsWith('-') && empty) return arg;
      return set ?? '';
    },
  );
}

/** Runs a `node -e` script as a healthcheck would; resolves to its exit code. Asynchronous, so a test server in
 * this process can still answer it. */
export function runNodeScript(script: string, env: Record<string, string> = {}): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: 'ignore', timeout: 10_000 });
    child.on('exit', (code) => resolve(code));
  });
}

/** A throwaway HTTP server answering /health with `status`. */
async function healthServer(status: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/health' ? status : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Exit codes of an HTTP healthcheck script (it reads PORT) against a 200 /health, a 503 one, and a closed port. */
export async function healthcheckVerdicts(
  script: string,
): Promise<{ healthy: number | null; unhealthy: number | null; down: number | null }> {
  const ok = await healthServer(200);
  const failing = await healthServer(503);
  const closed = await healthServer(200);
  await closed.close();
  try {
    const [healthy, unhealthy, down] = await Promise.all(
      [ok.port, failing.port, closed.port].map((port) => runNodeScript(script, { PORT: String(port) })),
    );
    return { healthy: healthy ?? null, unhealthy: unhealthy ?? null, down: down ?? null };
  } finally {
    await ok.close();
    await failing.close();
  }
}

export interface Instruction {
  op: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped, grouped by stage (FROM starts one). */
export function parseDockerfile(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of logical) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { op: op.toUpperCase(), args };
    if (instruction.op === 'FROM') stages.push([]);
    if (instruction.op !== 'ARG' || stages.length > 0) stages.at(-1)?.push(instruction);
  }
  return stages;
}
