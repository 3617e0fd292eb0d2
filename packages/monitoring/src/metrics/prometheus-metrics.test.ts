import parse from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from './prometheus-metrics.ts';
import { prometheusOptionsFromSettings } from './prometheus-settings.ts';

describe('Prometheus registry', () => {
  it('F-TK-MET names: dots, dashes and spaces become _, after the cleaned prefix; counters end in _total', () => {
    const metrics = createPrometheusMetrics({ prefix: 'kinto', createdMetricsEnabled: false });
    metrics.count('cache_hits');
    metrics.timer('backend.storage.seconds', 0.2, { method: 'get' });
    metrics.timer('listeners.my-listener name.seconds', 0.2);
    const names = parse(metrics.render()).map((family) => family.name);
    expect(names).toEqual([
      'kinto_cache_hits_total',
      'kinto_backend_storage_seconds',
      'kinto_listeners_my_listener_name_seconds',
    ]);
  });

  it('F-TK-MET label values are escaped so the exposition stays parseable', () => {
    const metrics = createPrometheusMetrics();
    metrics.count('odd', 2, { value: 'a"b\\c\nd' });
    const [family] = parse(metrics.render());
    expect(family?.metrics[0]).toMatchObject({ value: '2.0', labels: { value: 'a"b\\c\nd' } });
  });

  it('F-TK-MET gauges are set, summaries count and sum, _created timestamps follow', () => {
    const metrics = createPrometheusMetrics({ now: () => 1_700_000_000_500 });
    metrics.gauge('connections', 3);
    metrics.gauge('connections', 5);
    metrics.observe('request_size', 100, { method: 'get' });
    metrics.observe('request_size', 50, { method: 'get' });
    const text = metrics.render();
    expect(text).toContain('# TYPE connections gauge\nconnections 5.0');
    expect(text).toContain('request_size_count{method="get"} 2.0');
    expect(text).toContain('request_size_sum{method="get"} 150.0');
    expect(text).toContain('request_size_created{method="get"} 1700000000.5');
    expect(parse(text).map((family) => family.type)).toEqual(['GAUGE', 'SUMMARY', 'GAUGE']);
  });

  it('F-TK-MET a key used with another type, a negative count or a disabled key records nothing', () => {
    const metrics = createPrometheusMetrics({ disabledMetrics: ['users'] });
    metrics.count('users', 1, { auth: 'x' });
    metrics.count('hits');
    metrics.timer('hits', 1);
    metrics.count('hits', -5);
    expect(metrics.render()).not.toContain('users');
    expect(metrics.render()).toContain('hits_total 1.0');
    expect(metrics.render()).not.toContain('hits_bucket');
  });

  it('F-TK-MET a metric keeps at most maxSeriesPerMetric series (random label values cannot exhaust memory)', () => {
    const metrics = createPrometheusMetrics({ maxSeriesPerMetric: 2 });
    for (const id of ['a', 'b', 'c', 'd']) metrics.count('per_id', 1, { id });
    metrics.count('per_id', 1, { id: 'a' });
    const samples = parse(metrics.render()).find((family) => family.name === 'per_id_total')?.metrics;
    expect(samples).toEqual([
      { value: '2.0', labels: { id: 'a' } },
      { value: '1.0', labels: { id: 'b' } },
    ]);
  });

  it('F-UTL-08 settings: prefix defaults to project_name, lists and Inf buckets parse', () => {
    expect(
      prometheusOptionsFromSettings({
        project_name: 'kinto',
        prometheus_disabled_metrics: 'request_size users',
        prometheus_histogram_buckets: '0.1 1.0 Inf',
        prometheus_created_metrics_enabled: 'false',
      }),
    ).toEqual({
      prefix: 'kinto',
      disabledMetrics: ['request_size', 'users'],
      histogramBuckets: [0.1, 1, Number.POSITIVE_INFINITY],
      createdMetricsEnabled: false,
    });
    expect(() => prometheusOptionsFromSettings({ prometheus_histogram_buckets: 'fast' })).toThrow(/fast/);
    expect(createPrometheusMetrics(prometheusOptionsFromSettings({ project_name: 'kinto' })).prefix).toBe(
      'kinto_',
    );
  });
});
