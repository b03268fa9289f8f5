/**
 * A stand-in for HashiCorp Vault on loopback, speaking the parts of its HTTP API OpenDeck uses, with the
 * status codes and bodies of Vault's documentation: KV v2 reads (GET /v1/<mount>/data/<path>), AppRole login
 * (POST /v1/auth/approle/login), 403 {"errors":["permission denied"]}, 404 {"errors":[]}, 503 when sealed.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VaultRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface VaultDouble {
  address: string;
  /** KV v2 secrets by "<mount>/<path>"; null marks a deleted latest version. */
  secrets: Map<string, Record<string, unknown> | null>;
  /** Valid tokens. */
  tokens: Set<string>;
  /** AppRole role_id -> secret_id. */
  appRoles: Map<string, string>;
  /** When set, every request must carry this X-Vault-Namespace. */
  namespace?: string;
  sealed: boolean;
  requests: VaultRequest[];
  close(): Promise<void>;
}

export async function startVaultDouble(): Promise<VaultDouble> {
  const server = createServer();
  const double: VaultDouble = {
    address: '',
    secrets: new Map(),
    tokens: new Set(),
    appRoles: new Map(),
    sealed: false,
    requests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server.on('request', async (req, res) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://vault').pathname);
    double.requests.push({ method: req.method ?? '', path, headers: req.headers });
    if (double.sealed) return reply(503, { errors: ['Vault is sealed'] });
    if (double.namespace && req.headers['x-vault-namespace'] !== double.namespace) return reply(403, { errors: ['permission denied'] });
    if (req.method === 'POST' && path === '/v1/auth/approle/login') {
      const { role_id, secret_id } = JSON.parse(raw || '{}') as { role_id?: string; secret_id?: string };
      if (!role_id || double.appRoles.get(role_id) !== secret_id) return reply(400, { errors: ['invalid role or secret ID'] });
      const token = `hvs.${randomUUID()}`;
      double.tokens.add(token);
      return reply(200, {
        request_id: randomUUID(),
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data: null,
        wrap_info: null,
        warnings: null,
        auth: {
          client_token: token,
          accessor: randomUUID(),
          policies: ['default', 'opendeck'],
          token_policies: ['default', 'opendeck'],
          metadata: { role_name: 'opendeck' },
          lease_duration: 2764800,
          renewable: true,
          entity_id: randomUUID(),
          token_type: 'service',
          orphan: true,
        },
      });
    }
    const kv = /^\/v1\/(.+?)\/data\/(.+)$/.exec(path);
    if (req.method !== 'GET' || !kv) return reply(404, { errors: [] });
    if (!double.tokens.has(String(req.headers['x-vault-token'] ?? ''))) return reply(403, { errors: ['permission denied'] });
    const key = `${kv[1]}/${kv[2]}`;
    if (!double.secrets.has(key)) return reply(404, { errors: [] });
    const data = double.secrets.get(key)!;
    const metadata = {
      created_time: '2026-01-15T09:30:00.000000000Z',
      custom_metadata: null,
      deletion_time: data ? '' : '2026-01-16T09:30:00.000000000Z',
      destroyed: false,
      version: 3,
    };
    const body = {
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: { data, metadata },
      wrap_info: null,
      warnings: null,
      auth: null,
    };
    return reply(data ? 200 : 404, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}
