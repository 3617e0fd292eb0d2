import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import parse from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics, type PrometheusOptions } from '../metrics/prometheus-metrics.ts';
import { batchPlugin, bearer, mushrooms, notes, steppingClock } from '../testing/fixtures.ts';
import { type MonitoringOptions, monitoringPlugin } from './monitoring-plugin.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const ID = '6e3a3f5e-8b7d-4a39-9d44-0000000000aa';

function setup(
  prometheusOptions: PrometheusOptions = { prefix: 'kinto' },
  options: MonitoringOptions = {},
  settings: Record<string, unknown> = {},
) {
  const prometheus = createPrometheusMetrics({ now: () => 1_700_000_000_000, ...prometheusOptions });
  const app = createApi({
    backends: createMemoryBackends(),
    resources: [mushrooms, notes],
    policies: [bearer],
    plugins: [monitoringPlugin({ prometheus, clock: steppingClock(20), ...options }), batchPlugin],
    settings,
  });
  const scrape = async () => {
    const response = await app.request('/v1/__metrics__');
    expect(response.status).toBe(200);
    return response.text();
  };
  const counter = async (name: string, labels: Record<string, string>) => {
    const family = parse(await scrape()).find((one) => one.name === name);
    const sample = family?.metrics.find((one) =>
      Object.entries(labels).every(([label, value]) => one.labels?.[label] === value),
    );
    return sample ? Number(sample.value) : 0;
  };
  return { app, prometheus, scrape, counter };
}

describe('GET /v1/__metrics__', () => {
  it('F-UTL-08 answers the Prometheus text format (version 0.0.4) that a real parser reads', async () => {
    const { app } = setup();
    // request_size is observed once the body has been sent.
    await (await app.request('/v1/')).text();
    const response = await app.request('/v1/__metrics__');
    expect(response.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parse(await response.text());
    const summary = families.find((family) => family.name === 'kinto_request_summary_total');
    expect(summary?.type).toBe('COUNTER');
    expect(summary?.metrics).toContainEqual({
      value: '1.0',
      labels: { method: 'get', endpoint: 'hello', status: '200' },
    });
    expect(families.find((family) => family.name === 'kinto_request_duration_seconds')?.type).toBe(
      'HISTOGRAM',
    );
    expect(families.find((family) => family.name === 'kinto_request_size')?.type).toBe('SUMMARY');
  });

  it('F-UTL-08 a scraper accepting only text/plain is served, not refused with 406', async () => {
    const { app } = setup();
    const response = await app.request('/v1/__metrics__', { headers: { Accept: 'text/plain' } });
    expect(response.status).toBe(200);
    expect((await app.request('/v1/', { headers: { Accept: 'text/plain' } })).status).toBe(406);
  });

  it('F-UTL-08 F-TK-MET the request counters move with traffic, per method, endpoint and status', async () => {
    const { app, counter } = setup();
    const created = { method: 'post', endpoint: 'mushroom-plural', status: '201' };
    expect(await counter('kinto_request_summary_total', created)).toBe(0);
    for (let index = 0; index < 3; index++) {
      await app.request('/v1/mushrooms', {
        method: 'POST',
        body: JSON.stringify({ data: { index } }),
        headers: JSON_HEADERS,
      });
    }
    expect(await counter('kinto_request_summary_total', created)).toBe(3);
    await app.request(`/v1/mushrooms/${ID}`, {
      method: 'PUT',
      body: JSON.stringify({ data: {} }),
      headers: JSON_HEADERS,
    });
    await app.request(`/v1/mushrooms/${ID}`);
    await app.request(`/v1/notebooks/n1/notes/${ID}`);
    await app.request('/v1/does-not-exist');
    expect(
      await counter('kinto_request_summary_total', {
        method: 'put',
        endpoint: 'mushroom-object',
        status: '201',
      }),
    ).toBe(1);
    expect(
      await counter('kinto_request_summary_total', {
        method: 'get',
        endpoint: 'mushroom-object',
        status: '200',
      }),
    ).toBe(1);
    expect(
      await counter('kinto_request_summary_total', { method: 'get', endpoint: 'note-object', status: '404' }),
    ).toBe(1);
    expect(
      await counter('kinto_request_summary_total', { method: 'get', endpoint: 'unknown', status: '404' }),
    ).toBe(1);
    // Scrapes count themselves, like any request.
    expect(
      await counter('kinto_request_summary_total', {
        method: 'get',
        endpoint: 'prometheus_metrics',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(6);
  });

  it('F-TK-MET request_duration_seconds observes each request in the configured buckets', async () => {
    // The stepping clock makes every request last 20 ms.
    const { app, scrape } = setup({ prefix: 'kinto', histogramBuckets: [0.005, 0.05, 1] });
    await app.request('/v1/mushrooms');
    await app.request('/v1/mushrooms');
    const text = await scrape();
    parse(text);
    const labels = 'method="get",endpoint="mushroom-plural"';
    expect(text).toContain(`kinto_request_duration_seconds_bucket{${labels},le="0.005"} 0.0`);
    expect(text).toContain(`kinto_request_duration_seconds_bucket{${labels},le="0.05"} 2.0`);
    expect(text).toContain(`kinto_request_duration_seconds_bucket{${labels},le="1.0"} 2.0`);
    expect(text).toContain(`kinto_request_duration_seconds_bucket{${labels},le="+Inf"} 2.0`);
    expect(text).toContain(`kinto_request_duration_seconds_count{${labels}} 2.0`);
    expect(text).toMatch(new RegExp(`kinto_request_duration_seconds_sum\\{${labels}\\} 0\\.04`));
  });

  it('F-TK-MET request_size sums the bytes of the response bodies', async () => {
    const { app, scrape } = setup();
    const first = await (await app.request('/v1/')).text();
    const second = await (await app.request('/v1/')).text();
    const text = await scrape();
    expect(text).toContain('kinto_request_size_count{method="get",endpoint="hello"} 2.0');
    const bytes = new TextEncoder().encode(first + second).byteLength;
    expect(text).toContain(`kinto_request_size_sum{method="get",endpoint="hello"} ${bytes}.0`);
  });

  it('F-TK-MET label values never carry raw ids or paths unless metrics_matchdict_fields asks', async () => {
    const { app, scrape } = setup();
    await app.request(`/v1/notebooks/secret-notebook/notes/${ID}`, {
      method: 'PUT',
      body: '{"data":{}}',
      headers: JSON_HEADERS,
    });
    await app.request('/v1/mushrooms/%22%0A%7Dinjected', { headers: { 'X-Request-Id': 'rid-42' } });
    const text = await scrape();
    parse(text);
    expect(text).not.toContain('secret-notebook');
    expect(text).not.toContain(ID);
    expect(text).not.toContain('injected');
    expect(text).not.toContain('rid-42');
  });

  it('F-TK-MET metrics_matchdict_fields adds sanitised route parameters, empty on errors', async () => {
    const { app, scrape } = setup({ prefix: 'kinto' }, {}, { metrics_matchdict_fields: 'notebook_id' });
    await app.request(`/v1/notebooks/nb-1/notes/${ID}`, {
      method: 'PUT',
      body: '{"data":{}}',
      headers: JSON_HEADERS,
    });
    await app.request(`/v1/notebooks/${encodeURIComponent('x"}\ny')}/notes/${ID}`, {
      method: 'PUT',
      body: '{"data":{}}',
      headers: JSON_HEADERS,
    });
    await app.request('/v1/notebooks/random-404-id/notes/nope');
    const text = await scrape();
    const families = parse(text);
    const samples = families.find((family) => family.name === 'kinto_request_summary_total')?.metrics ?? [];
    expect(samples).toContainEqual({
      value: '1.0',
      labels: { method: 'put', endpoint: 'note-object', status: '201', notebook_id: 'nb-1' },
    });
    expect(samples).toContainEqual({
      value: '1.0',
      labels: { method: 'put', endpoint: 'note-object', status: '201', notebook_id: 'x___y' },
    });
    expect(text).not.toContain('random-404-id');
    expect(
      samples.some((sample) => sample.labels?.status === '400' && sample.labels.notebook_id === ''),
    ).toBe(true);
  });

  it('F-UTL-08 prometheus_prefix is cleaned, disabled metrics vanish, _created timestamps can be turned off', async () => {
    const { app, scrape } = setup({
      prefix: 'Remote-Settings',
      disabledMetrics: ['remotesettings_request_size'],
      createdMetricsEnabled: false,
    });
    await app.request('/v1/');
    const text = await scrape();
    const names = parse(text).map((family) => family.name);
    expect(names).toContain('remotesettings_request_summary_total');
    expect(names).toContain('remotesettings_request_duration_seconds');
    expect(names.some((name) => name.includes('request_size'))).toBe(false);
    expect(names.some((name) => name.endsWith('_created'))).toBe(false);
    const hello = await (await app.request('/v1/')).json();
    expect(hello.capabilities.prometheus).toEqual({
      description: 'Prometheus metrics.',
      url: 'https://github.com/Kinto/kinto/',
      prefix: 'remotesettings_',
      disabled_metrics: ['remotesettings_request_size'],
    });
  });

  it('F-UTL-08 without a Prometheus registry there is no /__metrics__ and no capability', async () => {
    const app = createApi({ backends: createMemoryBackends(), plugins: [monitoringPlugin()] });
    expect((await app.request('/v1/__metrics__')).status).toBe(404);
    expect((await (await app.request('/v1/')).json()).capabilities).not.toHaveProperty('prometheus');
  });

  it('F-TK-MET batch subrequests are counted under their own endpoint', async () => {
    const { app, counter } = setup();
    await app.request('/v1/batch', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ requests: [{ path: '/mushrooms' }, { path: '/mushrooms' }] }),
    });
    expect(await counter('kinto_request_summary_total', { endpoint: 'mushroom-plural', method: 'get' })).toBe(
      2,
    );
    expect(await counter('kinto_request_summary_total', { endpoint: 'batch', method: 'post' })).toBe(1);
  });
});
