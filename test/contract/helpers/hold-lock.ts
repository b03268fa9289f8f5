/**
 * Run in a child process: takes the data directory lock with a short stale time, prints "locked", then
 * waits to be killed, standing in for an OpenDeck process that crashes while holding the lock.
 */
import { lockDataDir } from '../../../src/infra/postgres/data-dir-lock.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-lock.ts <dataDir>');
await lockDataDir(dataDir, { staleMs: 2000 });
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
