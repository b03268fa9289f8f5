/** The contract document, the offline docs UI and the health probes. */
import { describe, expect, it } from 'vitest';
import { buildDocumentTestApp } from './documents-support.js';
import { buildTestApp, call, expectProblem } from './support.js';

const { app } = buildTestApp();

describe('GET /openapi.json', () => {
  // The app builds the document on the first request, not at start (Lambda cold start), so this test is
  // where a route contract the generator cannot render fails, for both wirings.
  it.each([
    ['without document ports', () => buildTestApp().app],
    ['with document ports', () => buildDocumentTestApp().app],
  ])('builds without error %s', async (_name, make) => {
    const res = await call(make(), 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).length).toBeGreaterThan(5);
  });

  it('is an OpenAPI 3.1 document with info and a bearer security scheme', async () => {
    const res = await call(app, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'OpenDeck API', version: '9.9.9-test', description: expect.any(String) });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('lists every route of the API', async () => {
    const { paths } = (await call(app, 'GET', '/openapi.json')).body;
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/register',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/refresh',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'GET /api/v1/decks',
        'POST /api/v1/decks',
        'GET /api/v1/decks/{deck_id}',
        'PUT /api/v1/decks/{deck_id}',
        'DELETE /api/v1/decks/{deck_id}',
        'GET /api/v1/decks/{deck_id}/cards',
        'POST /api/v1/decks/{deck_id}/cards',
        'GET /api/v1/cards/{card_id}',
        'PUT /api/v1/cards/{card_id}',
        'DELETE /api/v1/cards/{card_id}',
        'GET /health',
        'GET /ready',
      ]),
    );
  });

  it('gives every operation a summary, a description, a tag and problem responses; secured ones declare 401', async () => {
    const { paths } = (await call(app, 'GET', '/openapi.json')).body;
    for (const [path, ops] of Object.entries<any>(paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect.soft(op.summary, name).toBeTruthy();
        expect.soft(op.description, name).toBeTruthy();
        expect.soft(op.tags?.length, name).toBeGreaterThan(0);
        const statuses = Object.keys(op.responses);
        const errors = statuses.filter((s) => Number(s) >= 400);
        if (path !== '/health' && path !== '/api/v1/health') expect.soft(errors.length, `${name} error responses`).toBeGreaterThan(0);
        for (const s of errors)
          expect.soft(Object.keys(op.responses[s].content ?? {}), `${name} ${s}`).toEqual(['application/problem+json']);
        if (op.security) expect.soft(statuses, `${name} 401`).toContain('401');
        if (op.requestBody) {
          expect.soft(statuses, `${name} body errors`).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
          const content = op.requestBody.content['application/json'] ?? op.requestBody.content['multipart/form-data'];
          expect.soft(content?.schema, name).toBeDefined();
        }
      }
    }
    expect(paths['/api/v1/decks'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(paths['/api/v1/auth/login'].post.security).toBeUndefined();
  });

  it('carries examples for request bodies', async () => {
    const { components } = (await call(app, 'GET', '/openapi.json')).body;
    for (const name of ['RegisterRequest', 'LoginRequest', 'DeckCreateRequest', 'CardCreateRequest']) {
      expect.soft(components.schemas[name]?.example, name).toBeDefined();
    }
    expect(components.schemas.DeckCreateRequest.properties.title).toMatchObject({ minLength: 1, maxLength: 200 });
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI from the app itself, pointing at /openapi.json', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js']));
    const init = await (await app.request('/docs/assets/docs-init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
  });

  it.each([
    ['/docs/assets/swagger-ui.css', /^text\/css/],
    ['/docs/assets/swagger-ui-bundle.js', /^text\/javascript/],
    ['/docs/assets/docs-init.js', /^text\/javascript/],
    ['/docs/assets/favicon-32x32.png', /^image\/png/],
  ])('%s is served with the right content type', async (path, type) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('an unknown asset is a 404 problem', async () => {
    expectProblem(await call(app, 'GET', '/docs/assets/../../package.json'), 404, 'not_found');
    expectProblem(await call(app, 'GET', '/docs/assets/nope.js'), 404, 'not_found');
  });
});

describe('health probes', () => {
  it('GET /health answers ok with the version and never calls the probe', async () => {
    const probed = buildTestApp({
      probe: {
        check: async () => {
          throw new Error('database down');
        },
      },
    });
    for (const path of ['/health', '/api/v1/health']) {
      const res = await call(probed.app, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', version: '9.9.9-test' });
    }
  });

  it('GET /ready is 200 when the probe passes', async () => {
    const res = await call(app, 'GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: '9.9.9-test' });
  });

  it('GET /ready is a 503 problem when the probe fails, without the reason', async () => {
    const down = buildTestApp({
      probe: {
        check: async () => {
          throw new Error('ECONNREFUSED 10.0.0.5:5432');
        },
      },
    });
    const res = await call(down.app, 'GET', '/ready');
    expectProblem(res, 503, 'unavailable');
    expect(res.text).not.toContain('10.0.0.5');
    expect(down.rawLog()).toContain('ECONNREFUSED');
  });

  it('GET /ready is a 503 problem while shutting down', async () => {
    let shuttingDown = false;
    const draining = buildTestApp({ isShuttingDown: () => shuttingDown });
    expect((await call(draining.app, 'GET', '/ready')).status).toBe(200);
    shuttingDown = true;
    expectProblem(await call(draining.app, 'GET', '/ready'), 503, 'unavailable');
    expect((await call(draining.app, 'GET', '/health')).status).toBe(200);
  });
});
