/** A PostgreSQL database created for one benchmark run and dropped afterwards, whatever happens. */
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function withScratchDatabase<T>(label: string, run: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  const dbName = `od_${label}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  try {
    const url = new URL(BENCH_DATABASE_URL);
    url.pathname = `/${dbName}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
