import type { CoreEvent } from '@core/contracts';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import parse from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../metrics/prometheus-metrics.ts';
import { monitoringPlugin } from '../plugin/monitoring-plugin.ts';
import { bearer, mushrooms, steppingClock } from '../testing/fixtures.ts';
import { instrumentBackends } from './instrument-backends.ts';
import { instrumentListeners } from './instrument-listeners.ts';
import { instrumentPolicies } from './instrument-policies.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('instrumentation', () => {
  it('F-TK-MET backend calls are timed as backend.<role>.seconds{method}, transaction handles included', async () => {
    const metrics = createPrometheusMetrics({ prefix: 'kinto', histogramBuckets: [0.001, 0.01] });
    const backends = instrumentBackends(createMemoryBackends(), metrics, steppingClock(5));
    const app = createApi({
      backends,
      resources: [mushrooms],
      plugins: [monitoringPlugin({ prometheus: metrics })],
    });
    await app.request('/v1/mushrooms', { method: 'POST', headers: JSON_HEADERS, body: '{"data":{}}' });
    const text = metrics.render();
    parse(text);
    // create ran on the transaction handle: a 5 ms call lands in the 0.01 bucket.
    expect(text).toContain('kinto_backend_storage_seconds_bucket{method="create",le="0.001"} 0.0');
    expect(text).toContain('kinto_backend_storage_seconds_bucket{method="create",le="0.01"} 1.0');
    expect(text).toContain('kinto_backend_storage_seconds_sum{method="create"} 0.005');
    expect(text).toMatch(/kinto_backend_permission_seconds_count\{method="[a-zA-Z]+"\} \d/);
    expect(text).not.toMatch(/method="transaction"/);
  });

  it('F-TK-MET cache gets count cache_hits and cache_misses', async () => {
    const metrics = createPrometheusMetrics();
    const { cache } = instrumentBackends(createMemoryBackends(), metrics);
    await cache.get('absent');
    await cache.set('present', 1, 60);
    await cache.get('present');
    await cache.get('present');
    const text = metrics.render();
    expect(text).toContain('cache_misses_total 1.0');
    expect(text).toContain('cache_hits_total 2.0');
    expect(text).toContain('backend_cache_seconds_count{method="set"} 1.0');
  });

  it('F-TK-MET policies: authentication.<policy>.seconds, authentication{type} and users{auth,userid}', async () => {
    const metrics = createPrometheusMetrics({ prefix: 'kinto' });
    const app = createApi({
      backends: createMemoryBackends(),
      policies: instrumentPolicies([bearer], metrics, steppingClock(2)),
      plugins: [monitoringPlugin({ prometheus: metrics })],
    });
    await app.request('/v1/', { headers: { Authorization: 'Bearer alice' } });
    await app.request('/v1/', { headers: { Authorization: 'Bearer alice' } });
    await app.request('/v1/', { headers: { Authorization: 'Bearer ev:il"}' } });
    await app.request('/v1/');
    const families = parse(metrics.render());
    const find = (name: string) => families.find((family) => family.name === name)?.metrics;
    expect(find('kinto_authentication_total')).toEqual([{ value: '3.0', labels: { type: 'bearer' } }]);
    expect(find('kinto_users_total')).toEqual([
      { value: '2.0', labels: { auth: 'bearer', userid: 'alice' } },
      { value: '1.0', labels: { auth: 'bearer', userid: 'ev.il__' } },
    ]);
    expect(metrics.render()).toContain(
      'kinto_authentication_bearer_seconds_count{method="authenticate"} 4.0',
    );
    expect(metrics.render()).toContain(
      'kinto_authentication_bearer_seconds_sum{method="authenticate"} 0.008',
    );
    expect((await app.request('/v1/mushrooms')).headers.get('WWW-Authenticate') ?? 'Bearer').toContain(
      'Bearer',
    );
  });

  it('F-TK-MET instrumented policies forward the authentication context (client address)', async () => {
    const seen: unknown[] = [];
    const [policy] = instrumentPolicies(
      [
        {
          name: 'spy',
          authenticate: async (_request, context) => {
            seen.push(context);
            return null;
          },
        },
      ],
      createPrometheusMetrics({ prefix: 'kinto' }),
    );
    await policy?.authenticate(new Request('http://x/'), { clientAddress: '192.0.2.1' });
    await policy?.authenticate(new Request('http://x/'));
    expect(seen).toEqual([{ clientAddress: '192.0.2.1' }, undefined]);
  });

  it('F-TK-MET listeners are timed as listeners.<name>.seconds, failing ones too', async () => {
    const metrics = createPrometheusMetrics();
    const seen: string[] = [];
    const [quiet, failing] = instrumentListeners(
      [
        { name: 'audit', handle: (event) => void seen.push(event.type) },
        {
          name: 'broken',
          handle: () => {
            throw new Error('no');
          },
        },
      ],
      metrics,
      steppingClock(3),
    );
    const event = { type: 'ServerFlushed' } as unknown as CoreEvent;
    await quiet?.handle(event, {});
    await expect(failing?.handle(event, {})).rejects.toThrow('no');
    expect(seen).toEqual(['ServerFlushed']);
    expect(metrics.render()).toContain('listeners_audit_seconds_sum 0.003');
    expect(metrics.render()).toContain('listeners_broken_seconds_count 1.0');
  });
});
