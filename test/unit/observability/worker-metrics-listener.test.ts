/** The worker's own /metrics listener: the same metrics text, the same token rule, nothing else served. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsListener, type MetricsListener } from '../../../src/adapters/worker/metrics-listener.js';
import { Metrics } from '../../../src/infra/observability/metrics.js';

const TOKEN = 'worker-metrics-token-0123';
const metrics = new Metrics();
let listener: MetricsListener;
const url = (path: string) => `http://127.0.0.1:${listener.port}${path}`;

beforeAll(async () => {
  listener = await startMetricsListener({ metrics, host: '127.0.0.1', port: 0, token: TOKEN });
});
afterAll(() => listener.close());

describe('worker metrics listener', () => {
  it('serves the job metrics to a scraper with the token, and refuses without it', async () => {
    metrics.jobDuration.observe({ outcome: 'completed' }, 2.5);
    const res = await fetch(url('/metrics'), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('opendeck_job_duration_seconds_count{outcome="completed"} 1');
    expect(text).toContain('process_resident_memory_bytes');
    expect((await fetch(url('/metrics'))).status).toBe(401);
    expect((await fetch(url('/metrics'), { headers: { authorization: 'Bearer worker-metrics-token-0124' } })).status).toBe(401);
    expect((await fetch(url('/other'), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});
