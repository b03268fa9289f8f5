/**
 * A small load generator over node:http with keep-alive sockets (as a proxy or an API client holds them), so
 * shutdown tests can see what each request really met: a refused connection, a reset socket, or a complete
 * response with its status and its Connection header. Every request carries its own X-Request-Id, which
 * the server writes into its access log: that tells requests the server received from those it never saw.
 */
import http from 'node:http';
import net from 'node:net';

export interface Outcome {
  id: string;
  label: string;
  sentAt: number;
  endedAt: number;
  status?: number;
  /** The response's Connection header ("close" while the server drains). */
  connection?: string;
  body?: string;
  /** Set when no complete response arrived: ECONNREFUSED, ECONNRESET, ... */
  error?: string;
}

export interface Call {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A string, or a writer that sends the body in pieces (a slow upload). */
  body?: string | ((req: http.ClientRequest) => Promise<void>);
}

let counter = 0;

export function send(base: URL, agent: http.Agent, call: Call): Promise<Outcome> {
  const id = `load-${process.pid}-${++counter}`;
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const done = (fields: Partial<Outcome>) => resolve({ id, label: call.label, sentAt, endedAt: Date.now(), ...fields });
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: call.method,
        path: call.path,
        agent,
        headers: { 'x-request-id': id, ...call.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode, connection: res.headers.connection, body }));
        // A response cut off mid-body is a failure too.
        res.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    if (typeof call.body === 'function') void call.body(req).then(() => req.end());
    else req.end(call.body);
  });
}

/** Runs `calls()` in `concurrency` loops until `stop()` says so; a refused connection pauses that loop briefly. */
export async function runLoad(base: URL, concurrency: number, calls: (i: number) => Call, stop: () => boolean): Promise<Outcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const outcomes: Outcome[] = [];
  let next = 0;
  const loop = async () => {
    while (!stop()) {
      const outcome = await send(base, agent, calls(next++));
      outcomes.push(outcome);
      if (outcome.error) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  agent.destroy();
  return outcomes;
}

/** Opens and closes one new TCP connection: 'connected' or the error code (ECONNREFUSED once closed). */
export function probeConnect(base: URL): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(base.port), base.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
