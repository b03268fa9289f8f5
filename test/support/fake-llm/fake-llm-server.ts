/**
 * A scriptable local LLM server (node:http on 127.0.0.1, port 0). The provider-specific wire format comes from
 * a `WireFormat`; this file handles the script, latency, slow replies and request recording, so the real SDKs
 * can be pointed at it through their baseURL.
 */
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface FakeCard {
  question: string;
  answer: string;
  page: number | null;
  section: string | null;
  quote: string;
}

type IncomingRequest = http.IncomingMessage | http2.Http2ServerRequest;
type OutgoingResponse = http.ServerResponse | http2.Http2ServerResponse;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any; // decoded JSON of whatever the SDK sent
  /** System and user prompt text, as the wire format extracts them. */
  system: string;
  user: string;
}

export type FakeStep = { delayMs?: number } & (
  | { kind: 'cards'; cards: FakeCard[] | ((request: RecordedRequest) => FakeCard[]) }
  /** Output that is not what was asked for: a string is sent as text, anything else as the structured payload. */
  | { kind: 'malformed'; output: unknown }
  | {
      kind: 'error';
      status: number;
      message?: string;
      /** The provider's own error name where its wire has one (Bedrock's x-amzn-ErrorType); else the status's usual one. */
      type?: string;
      retryAfter?: string;
      headers?: Record<string, string>;
    }
);

export interface WireReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface WireFormat {
  /** POST path the SDK calls, e.g. /v1/chat/completions (a pattern where the path carries the model). */
  path: string | RegExp;
  /** Cleartext HTTP/2 (h2c) instead of HTTP/1.1, for an SDK whose client speaks only HTTP/2 (the Bedrock runtime). */
  http2?: boolean;
  /** A missing or wrong credential header yields this reply (the SDKs always send one). */
  checkAuth(headers: http.IncomingHttpHeaders): WireReply | null;
  prompt(body: any): { system: string; user: string };
  cards(cards: FakeCard[], request: RecordedRequest): WireReply;
  malformed(output: unknown, request: RecordedRequest): WireReply;
  error(status: number, message: string, type?: string): WireReply;
}

export interface FakeLlmOptions {
  /** Steps answered in order, one per request; when used up, `fallback` answers. */
  script?: FakeStep[];
  fallback?: FakeStep;
  /** Added before every reply (the benchmark uses 300 ms). */
  latencyMs?: number;
  /**
   * A request the server refuses whatever the script says (e.g. a parameter the model does not support), as
   * the real API would: the reply is sent at once and no scripted step is used. The request is still recorded.
   */
  refuse?: (request: RecordedRequest) => WireReply | null;
}

export interface FakeLlmServer {
  url: string;
  requests: RecordedRequest[];
  /** Replace the remaining script (tests reuse one server). */
  script(steps: FakeStep[], fallback?: FakeStep): void;
  close(): Promise<void>;
}

const sendJson = (res: OutgoingResponse, reply: WireReply) => {
  const gone = 'stream' in res ? res.stream.destroyed || res.stream.closed : res.destroyed;
  if (gone || res.writableEnded) return; // the client gave up (timeout test)
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
};

export async function startFakeLlm(wire: WireFormat, options: FakeLlmOptions = {}): Promise<FakeLlmServer> {
  let steps = [...(options.script ?? [])];
  let fallback: FakeStep = options.fallback ?? { kind: 'error', status: 500, message: 'The fake has no scripted reply left.' };
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const answer = (step: FakeStep, request: RecordedRequest): WireReply => {
    switch (step.kind) {
      case 'cards':
        return wire.cards(typeof step.cards === 'function' ? step.cards(request) : step.cards, request);
      case 'malformed':
        return wire.malformed(step.output, request);
      case 'error': {
        const reply = wire.error(step.status, step.message ?? `Scripted error ${step.status}.`, step.type);
        const retry: Record<string, string> = step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter };
        return { ...reply, headers: { ...reply.headers, ...retry, ...step.headers } };
      }
    }
  };

  const handle = (req: IncomingRequest, res: OutgoingResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url?.split('?')[0] ?? '';
      if (req.method !== 'POST' || !(typeof wire.path === 'string' ? path === wire.path : wire.path.test(path))) {
        return sendJson(res, wire.error(404, `No route for ${req.method} ${req.url}.`));
      }
      const denied = wire.checkAuth(req.headers);
      if (denied) return sendJson(res, denied);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return sendJson(res, wire.error(400, 'The request body is not JSON.'));
      }
      const request: RecordedRequest = { method: req.method, path, headers: req.headers, body, ...wire.prompt(body) };
      requests.push(request);
      const refused = options.refuse?.(request);
      if (refused) return sendJson(res, refused);
      const step = steps.shift() ?? fallback;
      const delay = (options.latencyMs ?? 0) + (step.delayMs ?? 0);
      if (delay === 0) return sendJson(res, answer(step, request));
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendJson(res, answer(step, request));
      }, delay);
      timers.add(timer);
    });
  };
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = wire.http2 ? http2.createServer(handle) : http.createServer(handle);
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(next, nextFallback) {
      steps = [...next];
      if (nextFallback) fallback = nextFallback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        if (server instanceof http.Server) server.closeAllConnections();
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Rough token count (4 characters per token), so usage figures scale with the prompt like a real tokenizer's. */
export const approximateTokens = (text: string): number => Math.ceil(text.length / 4);
