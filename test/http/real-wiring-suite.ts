/**
 * The composition root itself (buildRuntime: the same wiring `opendeck serve` uses) driven through
 * app.request, on one database: real-wiring.test.ts runs it on the embedded database (fast tier),
 * real-wiring-postgres.test.ts on the PostgreSQL server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import type { InProcessJobQueue } from '../../src/infra/queue/in-process-job-queue.js';
import { call, createCard, createDeck, expectProblem, signUp } from './support.js';

const NOTES = [
  '# Cell biology',
  '',
  '## Mitochondria',
  '',
  'Mitochondria are membrane-bound organelles that produce most of the chemical energy of the cell.',
  'ATP is the energy currency of the cell.',
  '',
  '## Ribosomes',
  '',
  'Ribosomes are molecular machines that synthesise proteins from amino acids.',
].join('\n');

export function describeWiring(name: string, databaseUrl: () => Promise<{ url: string; drop(): Promise<void> } | null | undefined>) {
  describe(`real wiring: ${name}`, () => {
    let runtime: Runtime | undefined;
    let dataDir: string;
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const db = await databaseUrl();
      if (db === null) return; // skipped loudly by createTestDatabase
      drop = db?.drop;
      dataDir = mkdtempSync(path.join(tmpdir(), 'od-wiring-'));
      const config = loadConfig({}, { DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '', SECRET_KEY: 'w'.repeat(40) });
      runtime = await buildRuntime(config, pino({ level: 'silent' }));
    }, 120_000);

    afterAll(async () => {
      await runtime?.close();
      await drop?.();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs accounts, decks and cards with exact counts and owner isolation', async (ctx) => {
      if (!runtime) return ctx.skip();
      const { app } = runtime;
      const ana = await signUp(app);
      const ben = await signUp(app);
      const deck = await createDeck(app, ana.access, { title: 'Biology', difficulty: 'INTERMEDIATE' });
      expect(deck.difficulty).toBe('intermediate');
      const card = await createCard(app, ana.access, deck.id);
      await createCard(app, ana.access, deck.id);
      expect((await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: ana.access })).body.card_count).toBe(2);
      expectProblem(await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: ben.access }), 404, 'not_found');
      expectProblem(await call(app, 'DELETE', `/api/v1/cards/${card.id}`, { token: ben.access }), 404, 'not_found');
      expect((await call(app, 'GET', '/api/v1/decks', { token: ben.access })).body.total).toBe(0);
      expect((await call(app, 'DELETE', `/api/v1/cards/${card.id}`, { token: ana.access })).status).toBe(204);
      expect((await call(app, 'GET', `/api/v1/decks/${deck.id}`, { token: ana.access })).body.card_count).toBe(1);
      expectProblem(await call(app, 'GET', '/api/v1/decks/not-a-uuid', { token: ana.access }), 404, 'not_found');
    });

    it('rotates refresh tokens and ends the sign-in on reuse', async (ctx) => {
      if (!runtime) return ctx.skip();
      const { app } = runtime;
      const ana = await signUp(app);
      const first = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: ana.refresh } });
      expect(first.status).toBe(200);
      expectProblem(await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: ana.refresh } }), 401, 'unauthorized');
      expectProblem(await call(app, 'GET', '/api/v1/auth/me', { token: first.body.access_token }), 401, 'unauthorized');
    });

    it('turns an uploaded document into cards whose quotes are in the document', async (ctx) => {
      if (!runtime) return ctx.skip();
      const { app } = runtime;
      const ana = await signUp(app);
      const form = new FormData();
      form.append('file', new Blob([NOTES], { type: 'application/octet-stream' }), 'cells.md');
      form.append('metadata', JSON.stringify({ title: 'Cells' }));
      const upload = await app.request('/api/v1/documents/upload', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${ana.access}` },
      });
      expect(upload.status).toBe(201);
      const {
        document_ids: [docId],
        deck_id: deckId,
      } = (await upload.json()) as { document_ids: string[]; deck_id: string };
      await (runtime.queue as InProcessJobQueue).drain();
      const doc = (await call(app, 'GET', `/api/v1/documents/${docId}`, { token: ana.access })).body;
      expect(doc).toMatchObject({ status: 'completed', progress: 100, format: 'markdown', language: 'en' });
      const cards = (await call(app, 'GET', `/api/v1/decks/${deckId}/cards?limit=100`, { token: ana.access })).body;
      expect(cards.total).toBeGreaterThan(0);
      expect(cards.total).toBe(doc.cards_generated);
      for (const c of cards.items) {
        expect(NOTES).toContain(c.source_ref.quote);
        expect(c.source_ref).toMatchObject({ document_id: docId, document_name: 'cells.md' });
      }
    });

    it('reports readiness from the real database', async (ctx) => {
      if (!runtime) return ctx.skip();
      expect((await runtime.app.request('/ready')).status).toBe(200);
      runtime.beginShutdown();
      expect((await runtime.app.request('/ready')).status).toBe(503);
    });
  });
}
