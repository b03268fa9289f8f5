/** Upload and generation requests per signed-in user: another user, or a fresh IP, is not affected. */
import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from '../../../src/infra/ratelimit/attempt-limiter.js';
import { buildDocumentTestApp, send, upload } from '../documents-support.js';
import { expectProblem, signUp } from '../support.js';

const NOTES = { name: 'notes.md', bytes: '# Cells\n\nMitochondria produce ATP, the energy currency of the cell.\n' };
const perHour = (name: string, points: number) => createAttemptLimiter(name, { points, windowSeconds: 3600 });

describe('per-user limits', () => {
  it('refuse the third upload of a user with 429 and Retry-After, before reading the body', async () => {
    const { app } = buildDocumentTestApp({ http: { rateLimits: { upload_user: perHour('upload_user', 2) } } });
    const ana = await signUp(app);
    const ben = await signUp(app);
    expect((await upload(app, [NOTES], { token: ana.access })).status).toBe(201);
    expect((await upload(app, [{ name: 'empty.md', bytes: '' }], { token: ana.access })).status).toBe(422); // counts too
    const refused = await upload(app, [NOTES], { token: ana.access });
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect((await upload(app, [NOTES], { token: ben.access })).status).toBe(201);
  });

  it('refuse generation requests past the limit', async () => {
    const { app, queue } = buildDocumentTestApp({ http: { rateLimits: { generate_user: perHour('generate_user', 1) } } });
    const ana = await signUp(app);
    const doc = (await upload(app, [NOTES], { token: ana.access })).body.documents[0];
    const generate = () => send(app, 'POST', `/api/v1/documents/${doc.id}/generate`, { token: ana.access });
    expect((await generate()).status).toBe(202);
    await queue.drain();
    expectProblem(await generate(), 429, 'rate_limited');
  });
});
