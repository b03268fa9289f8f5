/** Baseline for the HTTP benchmark: a bare Hono route returning constant JSON, on the same Node adapter. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
const body = { items: [], total: 0, limit: 20, offset: 0 };
app.get('/constant', (c) => c.json(body));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
