import { utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where `opendeck worker` proves it is alive. A worker has no HTTP port, so a container healthcheck reads
 * this file's age instead (docker-compose.yml): fresh means the process is up and its event loop turns.
 */
export const WORKER_HEARTBEAT_FILE = path.join(tmpdir(), 'opendeck-worker.heartbeat');
export const HEARTBEAT_INTERVAL_MS = 10_000;

export interface Heartbeat {
  stop(): void;
}

export function startHeartbeat(file = WORKER_HEARTBEAT_FILE, intervalMs = HEARTBEAT_INTERVAL_MS): Heartbeat {
  const beat = () => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      writeFileSync(file, `${process.pid}\n`);
    }
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref(); // never what keeps the process alive
  return { stop: () => clearInterval(timer) };
}
