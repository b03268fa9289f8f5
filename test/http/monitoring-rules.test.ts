/**
 * The monitoring files against the metrics the app really exports: every metric an alert rule
 * (deploy/prometheus/alerts.yml) or a dashboard panel (deploy/grafana/dashboards/opendeck.json) names must be in a
 * scrape of the real app's GET /metrics, with the labels it filters or groups by; the rules and panels cover
 * what operators watch; the compose profile `monitoring` mounts what Prometheus and Grafana load. Where promtool
 * is installed, `promtool check rules` must pass too (Prometheus's own parser).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readText, readYaml } from '../unit/ops/support.js';
import { buildTestRuntime } from '../support/test-root.js';
import { call, createDeck, signUp } from './support.js';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Metric name (as scraped) -> the label names it is declared with ("le" for histogram buckets). */
let exported: Map<string, Set<string>>;
const datasource = (readYaml('deploy/grafana/provisioning/datasources/prometheus.yml').datasources as { uid: string; url: string }[])[0]!;

/** Added by Prometheus to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

beforeAll(async () => {
  const { runtime } = buildTestRuntime({ metrics: true });
  const { app } = runtime;
  const user = await signUp(app);
  await createDeck(app, user.access);
  const res = await call(app, 'GET', '/metrics');
  expect(res.status).toBe(200);
  const declared = new Map(
    runtime.observability.metrics.registry
      .getMetricsAsArray()
      .map((m) => [m.name, (m as unknown as { labelNames: string[] }).labelNames ?? []]),
  );
  exported = new Map();
  for (const [, name, type] of String(res.text).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const labels = [...(declared.get(name!) ?? []), ...TARGET_LABELS];
    if (type === 'histogram') {
      exported.set(`${name}_bucket`, new Set([...labels, 'le']));
      exported.set(`${name}_sum`, new Set(labels));
      exported.set(`${name}_count`, new Set(labels));
    } else {
      exported.set(name!, new Set(labels));
    }
  }
  expect(exported.size).toBeGreaterThan(10);
  await runtime.close();
}, 60_000);

const FUNCTIONS_AND_KEYWORDS = new Set([
  ...['sum', 'max', 'min', 'avg', 'count', 'rate', 'increase', 'irate', 'histogram_quantile', 'clamp_min', 'label_values'],
  ...['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'le'],
]);

/** The metrics a PromQL expression reads, with the labels it matches on or groups by. */
function metricsIn(expr: string): { metric: string; labels: string[] }[] {
  const found: { metric: string; labels: string[] }[] = [];
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap(([, list]) => list!.split(',').map((l) => l.trim()));
  // Strings, ranges and numbers first: they are not identifiers ("5..", [5m], [$__rate_interval], 1e-9).
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/(?<![a-zA-Z0-9_:])\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, '0');
  for (const match of bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?/g)) {
    const [, name, matchers = ''] = match;
    const next = bare.slice(match.index! + match[0].length).trimStart();
    if (FUNCTIONS_AND_KEYWORDS.has(name!) || next.startsWith('(') || /^\$/.test(name!)) continue;
    if (bare[match.index! - 1] === '$' || grouped.includes(name!) || /^\d/.test(name!)) continue;
    const inMatchers = [...matchers.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map(([, l]) => l!);
    found.push({ metric: name!, labels: inMatchers });
  }
  return found;
}

function expectExported(expr: string, where: string): void {
  const metrics = metricsIn(expr);
  expect(metrics.length, `${where}: no metric in ${expr}`).toBeGreaterThan(0);
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap(([, list]) => list!.split(',').map((l) => l.trim()));
  for (const { metric, labels } of metrics) {
    expect(exported.has(metric), `${where}: ${metric} is not in GET /metrics`).toBe(true);
    for (const label of [...labels, ...grouped]) {
      // A grouping label must exist on at least one of the expression's metrics.
      if (labels.includes(label)) expect(exported.get(metric), `${where}: ${metric} has no label ${label}`).toContain(label);
    }
  }
  for (const label of grouped) {
    expect(
      metrics.some(({ metric }) => exported.get(metric)!.has(label)),
      `${where}: no metric groups by ${label}`,
    ).toBe(true);
  }
}

describe('the check itself', () => {
  it('refuses a metric the app does not export, a label it does not have, and a grouping no metric carries', () => {
    expect(() => expectExported('sum(rate(opendeck_nope_total[5m])) > 1', 'x')).toThrow(/opendeck_nope_total is not in GET \/metrics/);
    expect(() => expectExported('max(opendeck_queue_jobs{status="waiting"}) > 1', 'x')).toThrow(/has no label status/);
    expect(() => expectExported('sum by (route) (opendeck_queue_jobs) > 1', 'x')).toThrow(/no metric groups by route/);
    expect(() =>
      expectExported('histogram_quantile(0.99, sum by (le, route) (rate(opendeck_http_request_duration_seconds_bucket[5m]))) > 2', 'x'),
    ).not.toThrow();
  });
});

describe('deploy/prometheus/alerts.yml', () => {
  const groups = (parse(readText('deploy/prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups;
  const rules = groups.flatMap((g) => g.rules);

  it('alerts on error rate, p99 latency, failed documents, queue backlog and AI cost per day', () => {
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r.expr]));
    expect(byName.OpenDeckHighErrorRate).toMatch(/status=~"5\.\."/);
    expect(byName.OpenDeckSlowRequests).toMatch(/histogram_quantile\(0\.99,/);
    expect(byName.OpenDeckFailedDocuments).toMatch(/outcome="failed"/);
    expect(byName.OpenDeckQueueBacklog).toMatch(/opendeck_queue_jobs\{state="waiting"\}/);
    expect(byName.OpenDeckAiCostPerDay).toMatch(/increase\(opendeck_model_estimated_cost_usd_total\[24h\]\)/);
  });

  it('reads only metrics and labels the app exports', () => {
    for (const rule of rules) expectExported(rule.expr, rule.alert);
  });

  it('gives every rule a unique name, a severity, a summary, a comparison and valid durations', () => {
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.labels.severity, rule.alert).toMatch(/^(page|warn)$/);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.expr, rule.alert).toMatch(/[<>]=?\s*[\d.e-]+\s*$/);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
      // Balanced brackets: a cheap guard against a truncated edit where promtool is missing.
      for (const [open, close] of ['()', '{}', '[]'])
        expect(rule.expr.split(open!).length, rule.alert).toBe(rule.expr.split(close!).length);
    }
  });

  const promtool = (process.env.PATH ?? '').split(path.delimiter).find((dir) => dir && existsSync(path.join(dir, 'promtool')));
  it.runIf(promtool)('passes promtool check rules', async () => {
    const { stdout } = await promisify(execFile)(path.join(promtool!, 'promtool'), ['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(stdout).toMatch(/SUCCESS/);
  });
});

describe('deploy/grafana/dashboards/opendeck.json', () => {
  const dashboard = JSON.parse(readText('deploy/grafana/dashboards/opendeck.json')) as {
    uid: string;
    panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
    templating: { list: { query: { query: string } }[] };
  };

  it('has panels for request rate, latency percentiles, errors, jobs, queue depth, model calls, tokens and cost', () => {
    const titles = dashboard.panels.map((p) => p.title);
    for (const title of [
      'Request rate by route',
      'Latency percentiles by route',
      'Errors by route and status',
      'Jobs by outcome',
      'Queue depth',
      'Model calls by outcome',
      'Tokens per minute',
      'Estimated AI cost (24 h)',
    ]) {
      expect(titles).toContain(title);
    }
    const latency = dashboard.panels.find((p) => p.title === 'Latency percentiles by route')!;
    expect(latency.targets.map((t) => /histogram_quantile\((0\.\d+)/.exec(t.expr)?.[1])).toEqual(['0.5', '0.95', '0.99']);
  });

  it('reads, in every panel and variable, only metrics and labels the app exports, from the provisioned data source', () => {
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe(datasource.uid);
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) expectExported(target.expr, panel.title);
    }
    for (const variable of dashboard.templating.list)
      expectExported(variable.query.query.replace(/^label_values\((.*), \w+\)$/, '$1'), 'variable');
  });
});

describe('compose profile monitoring', () => {
  const compose = readYaml('docker-compose.yml');
  const services = compose.services as Record<string, any>;
  const mounts = (name: string) => Object.fromEntries((services[name].volumes as string[]).map((v) => v.split(':').slice(0, 2).reverse()));

  it('starts Prometheus with the rules and Grafana with the data source and dashboard, only with the profile', () => {
    for (const name of ['prometheus', 'grafana']) expect(services[name].profiles).toEqual(['monitoring']);
    expect(mounts('prometheus')).toMatchObject({
      '/etc/prometheus/prometheus.yml': './deploy/prometheus/prometheus.yml',
      '/etc/prometheus/alerts.yml': './deploy/prometheus/alerts.yml',
    });
    const prometheus = readYaml('deploy/prometheus/prometheus.yml');
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    const targets = (prometheus.scrape_configs as { static_configs?: { targets: string[] }[] }[])
      .flatMap((c) => c.static_configs ?? [])
      .flatMap((c) => c.targets);
    expect(targets).toContain(`app:${services.app.environment.PORT}`);
    const worker = (prometheus.scrape_configs as { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[]).find(
      (c) => c.job_name === 'opendeck-worker',
    )!;
    expect(worker.dns_sd_configs![0]).toMatchObject({ names: ['worker'], port: 9464 });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax, checked as written
    expect(services.worker.environment.WORKER_METRICS_PORT).toBe('${WORKER_METRICS_PORT:-9464}');

    expect(mounts('grafana')).toMatchObject({
      '/etc/grafana/provisioning': './deploy/grafana/provisioning',
      '/var/lib/grafana/dashboards': './deploy/grafana/dashboards',
    });
    const provider = (readYaml('deploy/grafana/provisioning/dashboards/opendeck.yml').providers as { options: { path: string } }[])[0]!;
    expect(provider.options.path).toBe('/var/lib/grafana/dashboards');
    expect(new URL(datasource.url).host).toBe('prometheus:9090');
    for (const name of ['prometheus', 'grafana']) expect(services[name].healthcheck.test[0]).toBe('CMD');
  });
});
