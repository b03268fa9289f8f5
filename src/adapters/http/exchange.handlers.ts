import { OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { exportDeck, importDeck } from '../../core/index.js';
import { contentDisposition } from './documents.render.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { readImportForm } from './exchange.multipart.js';
import { exportDeckRoute, importDeckRoute } from './exchange.routes.js';
import { validationHook } from './problem.js';

export function exchangeRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(importDeckRoute, async (c) => {
      const input = await readImportForm(c);
      return c.json(await importDeck({ ctx: useCaseCtx(c), input }), 200);
    })
    .openapi(exportDeckRoute, async (c) => {
      const input = { deckId: c.req.valid('param').deck_id, format: c.req.valid('query').format };
      // Every check (deck, format) happens here, before the 200 and the first byte go out.
      const file = await exportDeck({ ctx: useCaseCtx(c), input });
      const iterator = file.body[Symbol.asyncIterator]();
      const first = await iterator.next();
      c.header('Content-Type', file.content_type);
      c.header('Content-Disposition', contentDisposition(file.filename));
      c.header('Cache-Control', 'private, no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return stream(c, async (out) => {
        // A client that goes away stops the reading of further pages.
        out.onAbort(() => void iterator.return?.());
        if (!first.done) await out.write(first.value);
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) await out.write(next.value);
      }) as never;
    });
}
