/** Token usage is recorded per document, and a spent monthly budget refuses new generation with a 429. */
import { beforeAll, describe, expect, it } from 'vitest';
import { englishNotesMarkdown, englishNotesTxt } from '../fixtures/index.js';
import { buildDocumentTestApp, generatorRegistry, MeteredGenerator, upload, uploadOne } from './documents-support.js';
import { call, expectProblem, signUp, type SignedIn } from './support.js';

// Each model call reports 800 + 400 tokens; the budget is spent after one call.
const t = buildDocumentTestApp({ settings: { monthlyTokenBudget: 1000 }, generators: generatorRegistry(new MeteredGenerator()) });
const { app } = t;
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(app);
});
const get = (path: string) => call(app, 'GET', `/api/v1${path}`, { token: user.access });

/** Seconds from now to the first instant of next month (UTC), as the Retry-After should say. */
function secondsToNextMonth(): number {
  const now = new Date();
  return (Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime()) / 1000;
}

describe('monthly token budget', () => {
  let spentDocId: string;

  it("records the provider's usage and the estimated cost on the document", async () => {
    const body = await uploadOne(app, user.access, { name: 'data.md', bytes: englishNotesMarkdown() }, { metadata: { title: 'DS' } });
    await t.queue.drain();
    spentDocId = body.document_ids[0]!;
    const doc = (await get(`/documents/${spentDocId}`)).body;
    expect(doc).toMatchObject({
      status: 'completed',
      input_tokens: 800,
      output_tokens: 400,
      generation: { provider: 'metered', model: 'metered-1' },
    });
    expect(doc.estimated_cost_usd).toBeCloseTo((800 * 0.15 + 400 * 0.6) / 1_000_000, 10);
  });

  it('once spent, generate is a 429 with Retry-After until the month renews, and nothing changes', async () => {
    const doc = (await uploadOne(app, user.access, { name: 'psych.txt', bytes: englishNotesTxt() })).documents[0];
    const res = await call(app, 'POST', `/api/v1/documents/${doc.id}/generate`, { token: user.access, body: {} });
    const problem = expectProblem(res, 429, 'rate_limited');
    expect(problem.detail).toMatch(/budget.*1200 of 1000 tokens/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(Math.abs(retryAfter - secondsToNextMonth())).toBeLessThan(60);
    expect((await get(`/documents/${doc.id}`)).body).toMatchObject({ status: 'uploaded', deck_id: null });
  });

  it('an upload asking for generation is refused before anything is stored; a plain upload still works', async () => {
    const filesBefore = t.storage.size;
    const decksBefore = (await get('/decks')).body.total;
    const res = await upload(app, [{ name: 'psych.txt', bytes: englishNotesTxt() }], { token: user.access, metadata: { title: 'More' } });
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.storage.size).toBe(filesBefore);
    expect((await get('/decks')).body.total).toBe(decksBefore);
    expect((await upload(app, [{ name: 'psych.txt', bytes: englishNotesTxt() }], { token: user.access })).status).toBe(201);
  });

  it('the budget is per user: someone else can still generate', async () => {
    const other = await signUp(app);
    const body = await uploadOne(app, other.access, { name: 'data.md', bytes: englishNotesMarkdown() }, { metadata: { title: 'Mine' } });
    await t.queue.drain();
    const doc = (await call(app, 'GET', `/api/v1/documents/${body.document_ids[0]}`, { token: other.access })).body;
    // Same file and options as the first user's: each user has their own cache, so the model is called again.
    expect(doc).toMatchObject({ status: 'completed', input_tokens: 800 });
  });
});
