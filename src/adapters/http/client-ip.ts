import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * The client's address for per-IP limits. By default the socket's peer: X-Forwarded-For is written by
 * whoever sends the request, so believing it blindly would let anyone pick a fresh IP per request.
 * With `trustProxy` = N proxies of our own in front, each of them appended the address it saw, so the
 * client is the entry N places from the right; entries further left are the client's own words. A request
 * carrying fewer entries did not come through all N proxies, so its socket address is used.
 */
export function clientIp(c: Context, trustProxy: number): string {
  const socket = socketAddress(c) ?? 'unknown';
  if (trustProxy <= 0) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops.length >= trustProxy ? hops[hops.length - trustProxy]! : socket;
}

interface Bindings {
  /** @hono/node-server */
  incoming?: IncomingMessage;
  /** hono/aws-lambda: API Gateway's own view of the caller (v2 `http.sourceIp`, v1 `identity.sourceIp`). */
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
}

/** The peer address as the runtime saw it; undefined under app.request (tests). */
function socketAddress(c: Context): string | undefined {
  const env = c.env as Bindings | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp ?? env?.requestContext?.identity?.sourceIp;
}
