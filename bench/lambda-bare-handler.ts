/** Baseline for the Lambda cold-start benchmark: a bare Hono app behind the same hono/aws-lambda adapter. */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const app = new Hono().get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
