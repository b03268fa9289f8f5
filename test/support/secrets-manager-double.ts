/**
 * A stand-in for AWS Secrets Manager on loopback, speaking the JSON 1.1 protocol the SDK uses
 * (POST / with X-Amz-Target: secretsmanager.GetSecretValue), with the error shape of AWS's documentation
 * ({"__type": "ResourceNotFoundException", "message": ...} and status 400).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerDouble {
  endpoint: string;
  /** SecretString by secret id. */
  secrets: Map<string, string>;
  /** Secret ids asked for, in order. */
  reads: string[];
  /** When set, every call answers this error type. */
  failWith?: string;
  close(): Promise<void>;
}

export async function startSecretsManagerDouble(): Promise<SecretsManagerDouble> {
  const double = { secrets: new Map<string, string>(), reads: [] as string[] } as SecretsManagerDouble;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = (status: number, value: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(value));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue')
        return reply(400, { __type: 'InvalidAction', message: 'unsupported' });
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      double.reads.push(SecretId);
      if (double.failWith) return reply(400, { __type: double.failWith, message: 'refused' });
      const secret = double.secrets.get(SecretId);
      if (secret === undefined)
        return reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      reply(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SecretId}-AbCdEf`,
        Name: SecretId,
        SecretString: secret,
        VersionId: 'v1',
        CreatedDate: 1,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () => new Promise((resolve) => server.close(() => resolve()));
  return double;
}
