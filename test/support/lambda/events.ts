/**
 * Lambda events built from the JSON fixtures, which copy the examples in AWS's documentation (API Gateway
 * HTTP API payload 2.0, SQS FIFO event), so the handlers meet the real shapes: lowercase headers,
 * comma-joined repeats, cookies apart, base64 bodies, string-valued SQS attributes.
 */
import { readFileSync } from 'node:fs';
import type { Message } from '@aws-sdk/client-sqs';
import type { SqsEvent, SqsRecord } from '../../../src/adapters/lambda/sqs-consumer.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

export type ApiGatewayV2Event = ReturnType<typeof apiEventTemplate>;
const apiEventTemplate = () =>
  fixture<{
    rawPath: string;
    rawQueryString: string;
    cookies?: string[];
    headers: Record<string, string>;
    queryStringParameters?: Record<string, string>;
    requestContext: { http: { method: string; path: string; sourceIp: string }; requestId: string; timeEpoch: number; time: string };
    body?: string;
    pathParameters?: Record<string, string>;
    isBase64Encoded: boolean;
  }>('apigw-v2-request.json');

export interface ApiRequest {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** An HTTP API ($default route) event for one request; binary bodies arrive base64-encoded, as API Gateway sends them. */
export function apiGatewayEvent(req: ApiRequest): ApiGatewayV2Event {
  const event = apiEventTemplate();
  const headers: Record<string, string> = { host: 'id.execute-api.us-east-1.amazonaws.com', 'user-agent': 'agent' };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  const binary = req.body instanceof Uint8Array;
  Object.assign(event, {
    rawPath: req.path,
    rawQueryString: req.query ?? '',
    headers,
    body: req.body === undefined ? undefined : binary ? Buffer.from(req.body as Uint8Array).toString('base64') : (req.body as string),
    isBase64Encoded: binary,
  });
  delete event.cookies;
  delete event.pathParameters;
  if (req.query) event.queryStringParameters = Object.fromEntries(new URLSearchParams(req.query));
  else delete event.queryStringParameters;
  event.requestContext.http = { ...event.requestContext.http, method: req.method, path: req.path };
  event.requestContext.requestId = `apigw-${Math.random().toString(36).slice(2)}`;
  event.requestContext.timeEpoch = Date.now();
  return event;
}

/** The event Lambda's SQS event source would build from messages received with AttributeNames All. */
export function sqsEvent(messages: Message[], queueArn: string): SqsEvent {
  const template = fixture<SqsEvent>('sqs-fifo-event.json').Records[0]!;
  return {
    Records: messages.map(
      (m): SqsRecord => ({
        ...template,
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body!,
        md5OfBody: m.MD5OfBody!,
        attributes: { ...(m.Attributes as Record<string, string>) },
        eventSourceARN: queueArn,
        awsRegion: queueArn.split(':')[3]!,
      }),
    ),
  };
}

/** A hand-made record, for batches SQS would not easily produce on demand (several groups, a foreign body). */
export function sqsRecord(body: string, attributes: Record<string, string> = {}): SqsRecord {
  const template = fixture<SqsEvent>('sqs-fifo-event.json').Records[0]!;
  return { ...template, messageId: crypto.randomUUID(), body, attributes: { ...template.attributes, ...attributes } };
}
