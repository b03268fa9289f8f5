/**
 * `opendeck serve` with OTEL_EXPORTER_OTLP_ENDPOINT pointed at a fake collector on this machine: the spans of
 * real requests arrive over OTLP/HTTP (JSON), with the service name, and are flushed when the server stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type RunningServer } from '../support/spawn-server.js';

const CLI = ['--import', 'tsx', path.resolve('src/bin/cli.ts')];
let collector: Server;
const received: { path: string; contentType: string; body: string }[] = [];
let server: RunningServer | undefined;
let dataDir: string;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-otlp-'));
  server = await spawnServer(
    [...CLI, 'serve', '--port', '0'],
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SECRET_KEY: '',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'opendeck-e2e',
    },
    90_000,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  collector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('tracing over OTLP/HTTP', () => {
  it('exports the server and database spans of real requests, flushed at shutdown', async () => {
    const res = await fetch(`${server!.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'otlp@example.com', name: 'Otlp', password: 'a long enough passphrase' }),
    });
    expect(res.status).toBe(201);
    await server!.stop();
    server = undefined;
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces[0]!.contentType).toMatch(/json/);
    const all = traces.map((t) => t.body).join('\n');
    expect(all).toContain('"opendeck-e2e"');
    expect(all).toContain('"POST /api/v1/auth/register"');
    expect(all).toContain('"db users.create"');
    expect(all).not.toContain('a long enough passphrase');
  });
});
