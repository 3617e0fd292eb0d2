import { createApi, type ErrorReport } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../testing/fixtures.ts';
import { heartbeatChecks } from './heartbeat-logging.ts';
import { monitoringPlugin } from './monitoring-plugin.ts';

describe('error reporting and heartbeats', () => {
  it('F-TK-LOG unexpected errors reach the reporter and answer 500 errno 999 with the info link', async () => {
    const reported: [unknown, ErrorReport][] = [];
    const app = createApi({
      backends: createMemoryBackends(),
      settings: { error_info_link: 'https://example.com/help' },
      plugins: [
        monitoringPlugin({ reporter: (error, report) => reported.push([error, report]) }),
        { name: 'boom', routes: (v1) => v1.get('/boom', () => Promise.reject(new TypeError('bad'))) },
      ],
    });
    const response = await app.request('/v1/boom', { headers: { 'X-Request-Id': 'r-9' } });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ errno: 999, info: 'https://example.com/help' });
    expect(reported).toHaveLength(1);
    expect(reported[0]?.[0]).toBeInstanceOf(TypeError);
    expect(reported[0]?.[1]).toEqual({ method: 'GET', path: '/v1/boom', requestId: 'r-9' });
  });

  it('F-TK-LOG a failing heartbeat check is logged with its name; listeners contribute checks', async () => {
    const capture = capturingLogger();
    const listeners = [
      { name: 'queue', heartbeat: async () => false },
      { name: 'webhook', heartbeat: async () => true },
      { name: 'plain' },
    ];
    const app = createApi({
      backends: createMemoryBackends(),
      plugins: [monitoringPlugin({ heartbeats: heartbeatChecks(listeners) })],
      logger: capture.logger,
    });
    const response = await app.request('/v1/__heartbeat__');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      storage: true,
      permission: true,
      cache: true,
      listener_queue: false,
      listener_webhook: true,
    });
    const failures = capture.parsed().filter((line) => line.level === 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      heartbeat: 'listener_queue',
      msg: "'listener_queue' heartbeat failed.",
    });
    expect(typeof failures[0]?.reason).toBe('string');
  });
});
