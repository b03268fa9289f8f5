/**
 * `opendeck` as its own process, run from source exactly as the tests' users would run it: `serve` and
 * `worker` as long-running children whose JSON log lines are kept, and one-shot commands (`generate`).
 * Everything is asynchronous on purpose: the fake LLM servers live in the test process, and a blocking
 * spawnSync would stop them from answering the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const CLI = ['--import', 'tsx', path.resolve('src/bin/cli.ts')];

/**
 * Every variable the service reads, blanked, so nothing from the developer's shell (an OpenAI key, a
 * REDIS_URL) leaks into a test. Tests set what they need on top.
 */
export const CLEAN_ENV: Record<string, string> = {
  ENV: 'test',
  DATABASE_URL: '',
  REDIS_URL: '',
  SECRET_KEY: 'e2e-secret-key-that-is-at-least-32-characters-long',
  STORAGE_PATH: '',
  CORS_ORIGINS: '',
  LOG_LEVEL: 'info',
  AI_PROVIDER: '',
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  ANTHROPIC_API_KEY: '',
  ANTHROPIC_BASE_URL: '',
  AI_MAX_CHUNK_CHARS: '',
  AI_MONTHLY_TOKEN_BUDGET: '',
  // The OpenAI SDK would read these by itself if we ever forgot to pass them; they must not point anywhere real.
  OPENAI_ORG_ID: '',
  OPENAI_PROJECT_ID: '',
};

export interface LogEntry {
  msg?: string;
  [key: string]: unknown;
}

export interface OpendeckProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: LogEntry[];
  stderr(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  waitForLog(what: string, match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  /** SIGKILL: no handler runs, no lock is released, nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait (the graceful path). */
  stop(): Promise<void>;
}

export function startOpendeck(args: string[], env: Record<string, string>): OpendeckProcess {
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, ...CLEAN_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogEntry[] = [];
  const watchers = new Set<() => void>();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogEntry);
    } catch {
      logs.push({ msg: line });
    }
    for (const notify of watchers) notify();
  });
  // 'close', not 'exit': it comes after the last stdout line, so no log line is missed.
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(what, match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`timed out after ${timeoutMs} ms waiting for "${what}" from opendeck ${args.join(' ')}; stderr: ${stderr.trim()}`),
          );
        }, timeoutMs);
        const onExit = (code: number | string) => {
          done();
          reject(new Error(`opendeck ${args.join(' ')} exited (${code}) before "${what}": ${stderr.trim()}`));
        };
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        void exited.then((code) => {
          if (watchers.has(check)) onExit(code);
        });
        check();
      });
    },
    async kill() {
      if (gone()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `opendeck serve --port 0`, resolved once it logs the URL it listens on. */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<OpendeckProcess & { url: string }> {
  const server = startOpendeck(['serve', '--port', '0'], env);
  const listening = await server.waitForLog('listening', (e) => typeof e.url === 'string' && /listening/i.test(e.msg ?? ''), timeoutMs);
  return Object.assign(server, { url: listening.url as string });
}

/** `opendeck worker`, resolved once it is connected and taking jobs. */
export async function startWorker(env: Record<string, string>, timeoutMs = 90_000): Promise<OpendeckProcess> {
  const worker = startOpendeck(['worker'], env);
  await worker.waitForLog('worker started', (e) => e.msg === 'worker started', timeoutMs);
  return worker;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A one-shot command, e.g. `generate notes.txt --out cards.csv`. */
export function runOpendeck(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, ...CLEAN_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`opendeck ${args.join(' ')} took over ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
