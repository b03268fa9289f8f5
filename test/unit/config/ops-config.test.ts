/** Configuration of metrics, tracing, proxies and rate limits. */
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../src/config/index.js';

const load = (env: Record<string, string>) => loadConfig({}, env);

describe('operations config', () => {
  it('has documented defaults: limits on, no proxy trusted, no token, no tracing', () => {
    const config = load({});
    expect(config.rateLimits).toEqual({
      loginAccount: { points: 100, windowSeconds: 3600 },
      loginIp: { points: 50, windowSeconds: 900 },
      registerIp: { points: 20, windowSeconds: 3600 },
      uploadUser: { points: 60, windowSeconds: 3600 },
      generateUser: { points: 60, windowSeconds: 3600 },
    });
    expect(config.trustProxy).toBe(0);
    expect(config.observability).toEqual({
      metricsToken: undefined,
      workerMetricsPort: undefined,
      otlpEndpoint: undefined,
      otlpHeaders: {},
      serviceName: 'opendeck',
      propagators: ['tracecontext', 'baggage'],
    });
  });

  it('reads rates as attempts/window or off, and OTLP headers as a list', () => {
    const config = load({
      RATE_LIMIT_LOGIN_IP: '10 / 90s',
      RATE_LIMIT_UPLOAD_USER: 'off',
      RATE_LIMIT_LOGIN_ACCOUNT: '20/15m',
      TRUST_PROXY: '2',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cret, x-team=a%20b',
    });
    expect(config.rateLimits.loginIp).toEqual({ points: 10, windowSeconds: 90 });
    expect(config.rateLimits.uploadUser).toBeNull();
    expect(config.trustProxy).toBe(2);
    expect(config.observability.otlpHeaders).toEqual({ 'api-key': 's3cret', 'x-team': 'a b' });
  });

  it('refuses what would weaken the guarantees, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        load(env);
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ RATE_LIMIT_LOGIN_ACCOUNT: 'off' })).toMatch(/RATE_LIMIT_LOGIN_ACCOUNT: .*at most 100/);
    expect(problems({ RATE_LIMIT_LOGIN_ACCOUNT: '200/1h' })).toMatch(/RATE_LIMIT_LOGIN_ACCOUNT/);
    expect(problems({ RATE_LIMIT_REGISTER_IP: 'lots' })).toMatch(/RATE_LIMIT_REGISTER_IP: "lots" is not a rate/);
    expect(problems({ TRUST_PROXY: 'yes' })).toMatch(/TRUST_PROXY/);
    expect(problems({ METRICS_TOKEN: 'short' })).toMatch(/METRICS_TOKEN: must be at least 16/);
    expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
