/**
 * The embedded database's first start unpacks a pre-initialised template (initdb + migrations) instead of
 * running initdb: the schema it ends up with must be exactly what the migrations make on a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';
import { findMigrationsFolder } from '../../src/infra/postgres/migrations-folder.js';
import { openPglite } from '../../src/infra/postgres/open-pglite.js';
import { analyzeChangedTables } from '../../src/infra/postgres/pglite-analyze.js';
import { pgliteTemplate } from '../../src/infra/postgres/pglite-template.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Tables, columns, constraints, indexes and applied migrations, as text that compares exactly. */
const SCHEMA = `
  select 'column' as kind, table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as what
    from information_schema.columns where table_schema in ('public', 'drizzle')
  union all
  select 'constraint', conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    from pg_constraint where connamespace = 'public'::regnamespace
  union all
  select 'index', indexdef from pg_indexes where schemaname = 'public'
  union all
  select 'migration', hash || ' ' || created_at from drizzle.__drizzle_migrations
  order by 1, 2`;

type Queryable = { query<T>(sql: string): Promise<{ rows: T[] }> };
const schemaOf = async (client: Queryable) => (await client.query<{ kind: string; what: string }>(SCHEMA)).rows;

it('a first start from the template has the schema the migrations make, and keeps statistics current', async () => {
  const migrationsFolder = findMigrationsFolder();
  const reference = await PGlite.create();
  await migrate(drizzle({ client: reference }), { migrationsFolder });
  const expected = await schemaOf(reference);
  await reference.close();
  expect(expected.filter((r) => r.kind === 'migration').length).toBeGreaterThanOrEqual(7);

  const template = await pgliteTemplate(migrationsFolder);
  expect(template.data.size).toBeGreaterThan(1_000_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'od-template-'));
  dirs.push(dataDir);
  const connection = await openPglite(dataDir, migrationsFolder);
  try {
    await connection.migrate(migrationsFolder); // nothing left to apply: the template has them all
    const client = (connection.db as unknown as { $client: PGlite }).$client;
    expect(await schemaOf(client)).toEqual(expected);
    // A burst of writes past autovacuum's threshold is analysed by the next pass, then the table is current.
    const table = 'public.users';
    await client.exec(
      `insert into users (id, email, name, password_hash, created_at, updated_at)
       select gen_random_uuid(), 'u' || i || '@example.com', 'U', null, now(), now() from generate_series(1, 200) i`,
    );
    expect(await analyzeChangedTables(client)).toContain(table);
    expect(await analyzeChangedTables(client)).not.toContain(table);
  } finally {
    await connection.close();
  }
}, 180_000);
