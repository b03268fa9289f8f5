/**
 * PGlite runs no autovacuum, so nothing gathers planner statistics: a database that grew after its last
 * ANALYZE is planned as if it were empty (the study queue measured ~10x slower). This applies autovacuum's own
 * rule for ANALYZE: a table is analysed once the rows changed since its last analysis pass 50 + 10% of its rows.
 */
import type { PGlite } from '@electric-sql/pglite';

const CHANGED_TABLES = `
  select quote_ident(schemaname) || '.' || quote_ident(relname) as name
  from pg_stat_user_tables
  where n_mod_since_analyze > 50 + 0.1 * n_live_tup`;

/** Analyses the tables that changed enough; returns their names. */
export async function analyzeChangedTables(client: PGlite): Promise<string[]> {
  // A single-user backend flushes its change counts lazily: ask for them first, or recent writes do not show.
  await client.query('select pg_stat_force_next_flush()');
  const { rows } = await client.query<{ name: string }>(CHANGED_TABLES);
  for (const { name } of rows) await client.exec(`ANALYZE ${name}`);
  return rows.map((r) => r.name);
}
