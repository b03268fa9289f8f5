import pg from 'pg';
import { openNodePostgres } from '../src/infra/postgres/open-node-postgres.js';
import { findMigrationsFolder } from '../src/infra/postgres/migrations-folder.js';
import { createPostgresRepositories } from '../src/infra/postgres/repositories.js';
import { createFsrsScheduler } from '../src/infra/study/fsrs-scheduler.js';
import { studyQueue, answerCard, type Ports } from '../src/core/index.js';
import { seedStudy } from './study-seed.js';
import { randomUUID } from 'node:crypto';
const url = 'postgres://postgres@127.0.0.1:5432/od_study_probe';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
await admin.connect();
const exists = (await admin.query(`select 1 from pg_database where datname='od_study_probe'`)).rowCount;
if (!exists) await admin.query('create database od_study_probe');
await admin.end();
const c = openNodePostgres(url, 4);
await c.migrate(findMigrationsFolder());
const probe = new pg.Client({ connectionString: url }); await probe.connect();
let row = (await probe.query(`select user_id, deck_id from card_study_states limit 1`)).rows[0];
if (!row) { await seedStudy(c.db, { decks: 20, cardsPerDeck: 1000, reviewsPerCard: 12 }); row = (await probe.query(`select user_id, deck_id from card_study_states limit 1`)).rows[0]; }
await probe.query('analyze');
const repos = createPostgresRepositories(c.db);
const timings: Record<string, number[]> = {};
const timed = <T extends object>(name: string, o: T): T => new Proxy(o, { get(t, p) { const v = Reflect.get(t, p); if (typeof v !== 'function') return v; return async (...a: unknown[]) => { const s = performance.now(); try { return await v.apply(t, a); } finally { (timings[`${name}.${String(p)}`] ??= []).push(performance.now() - s); } }; } });
const ports = { ...repos, study: timed('study', repos.study), decks: timed('decks', repos.decks), cards: timed('cards', repos.cards), clock: { now: () => new Date() }, ids: { next: randomUUID }, scheduler: createFsrsScheduler() } as unknown as Ports;
const ctx = { userId: row.user_id, requestId: 'x', ports };
for (let i = 0; i < 30; i++) { const s = performance.now(); await studyQueue({ ctx, input: { deckId: row.deck_id, limit: 20 } }); (timings.total ??= []).push(performance.now() - s); }
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
for (const [k, v] of Object.entries(timings)) console.log(k, 'n', v.length, 'median ms', med(v));
await probe.end(); await c.close();
