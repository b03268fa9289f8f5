/** The metric decorators on their own: tokens and cost per model, failures by code, and no tracing cost when off. */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CoreError, type CardGenerator } from '../../../src/core/index.js';
import { instrumentGenerators } from '../../../src/infra/observability/instrument-generators.js';
import { instrumentJob } from '../../../src/infra/observability/instrument-jobs.js';
import { Metrics } from '../../../src/infra/observability/metrics.js';
import { activeTracer } from '../../../src/infra/observability/tracing.js';
import { createObservability } from '../../../src/wiring/observability.js';
import { loadConfig } from '../../../src/config/index.js';
import { generatorRegistry, MeteredGenerator } from '../../http/documents-support.js';

const chunk = { index: 0, segments: [{ text: 'Mitochondria produce ATP.', page: 1, section: null }] };
const request = { documentName: 'notes.md', language: 'en', maxCards: 3, chunk } as Parameters<CardGenerator['generate']>[0];

const failing: CardGenerator = {
  provider: 'flaky',
  model: 'flaky-1',
  maxChunkChars: 1000,
  generate: async () => {
    throw new CoreError('upstream_unavailable', 'The provider failed.');
  },
};

describe('metric decorators', () => {
  it('count model calls, tokens and estimated cost per provider and model, and failures by their code', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const registry = instrumentGenerators(generatorRegistry(new MeteredGenerator(), failing), metrics, null);
    const metered = registry.get();
    expect(registry.get()).toBe(metered); // one wrapper per generator, as the registry keeps one generator
    expect(metered.estimateCostUsd?.({ inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(0.15);
    await metered.generate(request);
    await metered.generate(request);
    await expect(registry.get('flaky').generate(request)).rejects.toThrow('The provider failed.');
    const text = (await metrics.render()).body;
    expect(text).toContain('opendeck_model_tokens_total{provider="metered",model="metered-1",direction="input"} 1600');
    expect(text).toContain('opendeck_model_tokens_total{provider="metered",model="metered-1",direction="output"} 800');
    expect(text).toMatch(/opendeck_model_estimated_cost_usd_total\{provider="metered",model="metered-1"\} 0\.00072\n/);
    expect(text).toContain('opendeck_model_call_duration_seconds_count{provider="metered",model="metered-1",outcome="ok"} 2');
    expect(text).toContain('opendeck_model_call_duration_seconds_count{provider="flaky",model="flaky-1",outcome="upstream_unavailable"} 1');
  });

  it("log one 'model usage' line per call with its tokens and cost: the fields Terraform's AI cost metric filter reads", async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const observability = createObservability(loadConfig({}, {}), false, logger);
    const ports = observability.instrumentDocumentPorts({
      generators: generatorRegistry(new MeteredGenerator()),
      extractor: { extract: async () => Promise.reject(new Error('unused')) },
      queue: { counts: async () => ({ waiting: 0, active: 0, delayed: 0, failed: 0 }) },
    } as unknown as Parameters<typeof observability.instrumentDocumentPorts>[0]);
    await ports.generators.get().generate(request);
    const usage = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'model usage');
    expect(usage).toEqual([
      expect.objectContaining({ provider: 'metered', model: 'metered-1', inputTokens: 800, outputTokens: 400, costUsd: 0.00036 }),
    ]);
    // The metric filter's pattern ({ $.msg = "model usage" && $.costUsd > 0 }) and value ($.costUsd).
    const filter = readFileSync('infra/terraform/alarms.tf', 'utf8');
    expect(filter).toContain('pattern        = "{ $.msg = \\"model usage\\" && $.costUsd > 0 }"');
    expect(filter).toContain('value     = "$.costUsd"');
    expect(JSON.stringify(usage)).not.toContain('Mitochondria'); // never document text
    await observability.close();
  });

  it('label jobs by the outcome processDocument reports, and a throw as error', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const job = { documentId: 'd', userId: 'u' };
    await instrumentJob(async () => 'skipped' as const, metrics, null)(job, { attempt: 1 });
    await expect(instrumentJob(async () => Promise.reject(new Error('boom')), metrics, null)(job, { attempt: 1 })).rejects.toThrow('boom');
    const text = (await metrics.render()).body;
    expect(text).toContain('opendeck_job_duration_seconds_count{outcome="skipped"} 1');
    expect(text).toContain('opendeck_job_duration_seconds_count{outcome="error"} 1');
  });

  it('start no tracing SDK and add no database decorator without a collector', async () => {
    const observability = createObservability(loadConfig({}, {}));
    expect(activeTracer()).toBeNull();
    expect(observability.tracer).toBeNull();
    const repositories = { decks: { get: async () => null } };
    expect(observability.traceRepositories(repositories, 'postgresql')).toBe(repositories);
    await observability.close();
  });
});
