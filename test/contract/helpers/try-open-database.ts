/**
 * Run in a child process by the PGlite tests: opens the embedded database in the given data directory,
 * as a second OpenDeck process would. Prints "opened" or the error message, and exits 0 or 1.
 */
import { openDatabase } from '../../../src/infra/postgres/open-database.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: try-open-database.ts <dataDir>');
try {
  const db = await openDatabase({ backend: 'pglite', dataDir });
  await db.close();
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
