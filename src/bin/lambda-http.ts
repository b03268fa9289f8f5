/**
 * The API Gateway (HTTP API, payload format 2.0) entry: the same Hono app as `opendeck serve`, through
 * hono/aws-lambda, which decodes base64 bodies (multipart uploads) and base64-encodes binary responses.
 * Bundled to dist-lambda/http.mjs (scripts/build-lambda.mjs).
 */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { lambdaRuntime } from '../wiring/lambda.js';

// Started at import, during the init phase; awaited by the first event.
const ready = lambdaRuntime().then((runtime) => handle(runtime.app));
ready.catch(() => undefined); // reported by the invocation that awaits it, not as an unhandled rejection

export async function handler(event: LambdaEvent, context?: LambdaContext) {
  const app = await ready.catch(async () => handle((await lambdaRuntime()).app));
  return app(event, context);
}
