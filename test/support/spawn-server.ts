/** Starts a server in its own process and waits for the JSON log line that carries its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far (JSON logs), for assertions about what was logged. */
  lines: string[];
  rssMb(): number;
  stop(): Promise<void>;
}

export function rssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

export function spawnServer(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  keepLines = true,
  cwd?: string,
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server ${args.join(' ')} did not start in ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr.trim()}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (keepLines) lines.push(line);
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (!entry.url || !/listening/i.test(entry.msg ?? '')) return;
      clearTimeout(timer);
      resolve({
        url: entry.url,
        child,
        lines,
        rssMb: () => rssMbOf(child.pid!),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
