import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { recordingLogger, shellApp } from '../app/testing.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('__heartbeat__', () => {
  it('F-UTL-02 reports each backend; 200 when all are healthy', async () => {
    const response = await shellApp().call('GET', '/v1/__heartbeat__');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ storage: true, permission: true, cache: true });
  });

  it('F-UTL-02 a failing check makes it 503 with the mapping as body (not the error format)', async () => {
    const backends = createMemoryBackends();
    const broken = { ...backends, cache: { ...backends.cache, heartbeat: async () => false } };
    const response = await shellApp({ backends: broken }).call('GET', '/v1/__heartbeat__');
    expect(response.status).toBe(503);
    expect(response.json).toEqual({ storage: true, permission: true, cache: false });
    expect(response.headers.get('Retry-After')).toBeNull();
  });

  it('F-UTL-02 plugin checks join; null counts as success, a throwing check reports false', async () => {
    const logger = recordingLogger();
    const ok = shellApp({ heartbeats: { notapplicable: async () => null, good: async () => true } });
    expect((await ok.call('GET', '/v1/__heartbeat__')).json).toEqual({
      storage: true,
      permission: true,
      cache: true,
      notapplicable: null,
      good: true,
    });
    const failing = shellApp({
      logger,
      heartbeats: {
        exploding: async () => {
          throw new Error('kaboom');
        },
      },
    });
    const response = await failing.call('GET', '/v1/__heartbeat__');
    expect(response.status).toBe(503);
    expect(response.json.exploding).toBe(false);
    expect(logger.lines.some((line) => line.message?.includes("'exploding' heartbeat failed"))).toBe(true);
  });

  it('F-UTL-02 checks run concurrently, each bounded by heartbeat_timeout_seconds', async () => {
    const { call } = shellApp({
      settings: { heartbeat_timeout_seconds: 0.2 },
      heartbeats: {
        slowA: async () => {
          await sleep(120);
          return true;
        },
        slowB: async () => {
          await sleep(120);
          return true;
        },
        stuck: () => new Promise<boolean>(() => {}),
      },
    });
    const started = Date.now();
    const response = await call('GET', '/v1/__heartbeat__');
    const elapsed = Date.now() - started;
    expect(response.json).toMatchObject({ slowA: true, slowB: true, stuck: false });
    expect(response.status).toBe(503);
    // Sequential checks would need 240 ms before even waiting on the stuck one.
    expect(elapsed).toBeLessThan(1_000);
    expect(elapsed).toBeGreaterThanOrEqual(190);
  });
});

describe('__lbheartbeat__', () => {
  it('F-UTL-03 always answers 200 {} without touching the backends', async () => {
    const backends = createMemoryBackends();
    const down = {
      ...backends,
      storage: {
        ...backends.storage,
        heartbeat: async () => {
          throw new Error('down');
        },
      },
    };
    const response = await shellApp({ backends: down }).call('GET', '/v1/__lbheartbeat__');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});
  });
});
