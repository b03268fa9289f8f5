/** PostgreSQL's own ceiling on this machine: `pgbench -S` (select-only) on a database of its own. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

/** Creates the pgbench tables (scale 1) in the database at `url`. */
export async function initPgbench(url: string): Promise<void> {
  await run(PGBENCH, ['-i', '-q', '-s', '1', url]);
}

/** Select-only transactions per second, 16 clients on 2 threads (the simple protocol, as the issue measured it). */
export async function pgbenchTps(url: string, seconds: number): Promise<number> {
  const { stdout } = await run(PGBENCH, ['-S', '-n', '-c', '16', '-j', '2', '-T', String(seconds), url]);
  const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps: ${stdout}`);
  return Math.round(Number(tps));
}
