/**
 * One loopback endpoint in front of DynamoDB Local and fauxqs. The application gives every AWS client the same
 * AWS_ENDPOINT_URL, as it would give them AWS's own endpoints; here two emulators answer, so requests are
 * sent on by protocol: DynamoDB's JSON API names itself in X-Amz-Target (DynamoDB_20120810.<Action>), and
 * everything else (S3 REST, SQS JSON, presigned URLs) goes to fauxqs. Bodies and headers pass through as they are.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsEndpointRouter {
  url: string;
  close(): Promise<void>;
}

export async function startAwsEndpointRouter(targets: { dynamodb: string; other: string }): Promise<AwsEndpointRouter> {
  const server = http.createServer((req, res) => {
    const isDynamo = String(req.headers['x-amz-target'] ?? '').startsWith('DynamoDB_');
    const target = new URL(req.url ?? '/', isDynamo ? targets.dynamodb : targets.other);
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`router: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
