import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { mushrooms, steppingClock } from '../testing/fixtures.ts';
import { monitoringPlugin } from './monitoring-plugin.ts';

describe('Server-Timing', () => {
  it('F-TK-MET server_timing_enabled adds storage and total spans to every response', async () => {
    const app = createApi({
      backends: createMemoryBackends(),
      resources: [mushrooms],
      plugins: [monitoringPlugin({ clock: steppingClock(1) })],
      settings: { server_timing_enabled: true },
    });
    const response = await app.request('/v1/mushrooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"data":{}}',
    });
    expect(response.status).toBe(201);
    const header = response.headers.get('Server-Timing') ?? '';
    // Each call reads the clock twice: exactly 1 ms per storage call.
    expect(header).toMatch(/^storage;dur=(\d+)\.00;desc="\1 calls", /);
    expect(header).toMatch(/permission;dur=\d+\.00;desc="\d+ calls"/);
    expect(header).toMatch(/, total;dur=\d+\.00$/);
  });

  it('F-TK-MET without the setting there is no Server-Timing header', async () => {
    const app = createApi({
      backends: createMemoryBackends(),
      resources: [mushrooms],
      plugins: [monitoringPlugin()],
    });
    expect((await app.request('/v1/mushrooms')).headers.get('Server-Timing')).toBeNull();
  });
});
