/**
 * Live events under many open connections: `opendeck serve` (embedded mode: PGlite, in-process jobs and events,
 * offline generator) in its own process holds SSE_CONNECTIONS event streams spread over SSE_USERS users; each user
 * then uploads one document with generation. Reported: the server's RSS before and with the streams open, and
 * for every connection the time from its document's completion (processed_at, stamped by the server) to the
 * moment the client read the document.completed event, at the 50th and 99th percentile client.
 *
 *   npx tsx bench/sse-fanout.ts          # SSE_CONNECTIONS=1000 SSE_USERS=50
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer } from '../test/support/spawn-server.js';

const CONNECTIONS = Number(process.env.SSE_CONNECTIONS ?? 1000);
// 20 streams per user: the most one user may hold on one instance.
const USERS = Number(process.env.SSE_USERS ?? 50);
const CLI = ['--import', 'tsx', path.resolve('src/adapters/cli/main.ts')];
const NOTES =
  '# Cells\n\nThe mitochondrion is the powerhouse of the cell and produces ATP. Ribosomes build proteins from amino acids. ' +
  'The nucleus holds the genetic material of the cell. Chloroplasts carry out photosynthesis in plant cells.\n';

const dataDir = mkdtempSync(path.join(tmpdir(), 'od-bench-sse-'));
const start = () =>
  spawnServer(
    [...CLI, 'serve', '--port', '0'],
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SECRET_KEY: '',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '1',
      AI_PROVIDER: 'offline',
    },
    120_000,
    false,
  );
// The first start creates the PGlite database (a transient ~850 MB); the measured server reopens it, as any
// later start of an embedded install does, so RSS growth is the streams' and not the database's.
await (await start()).stop();
const server = await start();
const api = (route: string) => `${server.url}/api/v1${route}`;

async function register(i: number): Promise<string> {
  const res = await fetch(api('/auth/register'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.${Math.floor(i / 200)}.${i % 200}` },
    body: JSON.stringify({ email: `sse-${i}-${process.pid}@example.com`, name: `User ${i}`, password: 'benchmark passphrase long enough' }),
  });
  if (res.status !== 201) throw new Error(`register ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface Stream {
  user: number;
  received: Map<string, number>;
}

/** Opens one stream and records when each document.completed arrives (by document id). */
async function open(user: number, token: string, streams: Stream[]): Promise<void> {
  const res = await fetch(api('/events'), { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`events ${res.status}`);
  const stream: Stream = { user, received: new Map() };
  streams.push(stream);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const at = performance.timeOrigin + performance.now();
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.includes(': connected')) connected();
        if (frame.includes('event: document.completed')) {
          const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as { document_id: string };
          stream.received.set(data.document_id, at);
        }
      }
    }
  })().catch(() => undefined);
  await ready;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

try {
  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) tokens.push(await register(i));
  const rssBefore = server.rssMb();
  const streams: Stream[] = [];
  const opening = Date.now();
  for (let batch = 0; batch < CONNECTIONS; batch += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, CONNECTIONS - batch) }, (_, k) =>
        open((batch + k) % USERS, tokens[(batch + k) % USERS]!, streams),
      ),
    );
  }
  const openMs = Date.now() - opening;
  await new Promise((r) => setTimeout(r, 1000));
  const rssOpen = server.rssMb();

  const documents: { user: number; id: string }[] = [];
  for (const [user, token] of tokens.entries()) {
    const form = new FormData();
    form.append('file', new File([NOTES], `cells-${user}.md`));
    form.append('metadata', JSON.stringify({ title: `Deck ${user}` }));
    const res = await fetch(api('/documents/upload'), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    if (res.status !== 201) throw new Error(`upload ${res.status} ${await res.text()}`);
    documents.push({ user, id: ((await res.json()) as { document_ids: string[] }).document_ids[0]! });
  }
  const deadline = Date.now() + 120_000;
  while (streams.some((s) => s.received.size === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  const latencies: number[] = [];
  let missing = 0;
  for (const doc of documents) {
    const res = await fetch(api(`/documents/${doc.id}`), { headers: { authorization: `Bearer ${tokens[doc.user]}` } });
    const { processed_at, status } = (await res.json()) as { processed_at: string; status: string };
    if (status !== 'completed') throw new Error(`document ${doc.id} ended ${status}`);
    const done = Date.parse(processed_at);
    for (const s of streams.filter((x) => x.user === doc.user)) {
      const at = s.received.get(doc.id);
      if (at === undefined) missing++;
      else latencies.push(at - done);
    }
  }
  latencies.sort((a, b) => a - b);
  const rssAfter = server.rssMb();
  console.log(
    JSON.stringify(
      {
        connections: streams.length,
        users: USERS,
        open_all_ms: openMs,
        rss_mb: { before: rssBefore, streams_open: rssOpen, after_events: rssAfter, growth: rssOpen - rssBefore },
        rss_kb_per_connection: Math.round(((rssOpen - rssBefore) * 1024) / streams.length),
        completion_to_event_ms: {
          p50: Math.round(pct(latencies, 50)),
          p99: Math.round(pct(latencies, 99)),
          max: Math.round(latencies.at(-1) ?? NaN),
        },
        events_received: latencies.length,
        events_missing: missing,
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
