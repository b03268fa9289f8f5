/**
 * /openapi.json and the /docs UI. Swagger UI's files come from the installed swagger-ui-dist package and
 * are served by the app itself, so the docs work with no internet (the CDN-loading middlewares do not).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from './env.js';

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const ASSET_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// Our own start-up script instead of an inline one, so a strict Content-Security-Policy can be used.
// validatorUrl: null stops Swagger UI from calling validator.swagger.io (no internet needed).
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>OpenDeck API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/assets/docs-init.js"></script>
  </body>
</html>
`;

let cached: Map<string, Asset> | undefined;

/** Reads the assets once per process (the bundle is ~1.7 MB); a missing package fails at boot, not on first visit. */
function loadAssets(): Map<string, Asset> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(ASSET_FILES))
    assets.set(name, { body: new Uint8Array(readFileSync(path.join(dir, name))), type });
  assets.set('docs-init.js', { body: new TextEncoder().encode(INIT_SCRIPT), type: 'text/javascript; charset=utf-8' });
  cached = assets;
  return assets;
}

/** Plain Hono routes: they are not part of the API contract, so they stay out of the OpenAPI document. */
export function docsRoutes(openapiDocument: unknown): Hono<AppEnv> {
  const assets = loadAssets();
  const documentJson = JSON.stringify(openapiDocument);
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.body(documentJson, 200, { 'Content-Type': 'application/json; charset=utf-8' }))
    .get('/docs', (c) => c.html(INDEX_HTML))
    .get('/docs/assets/:name', (c) => {
      const asset = assets.get(c.req.param('name'));
      if (!asset) return c.notFound();
      // Assets change only with the installed package version: let browsers keep them for a day.
      return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' });
    });
}
