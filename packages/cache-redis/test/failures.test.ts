import { createServer, type Server, type Socket } from 'node:net';
import { BackendError, type CacheBackend, ERRNO, isCoreError } from '@core/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheFromSettings, createRedisCache, RESILIENT_CLIENT_OPTIONS } from '../src/index.ts';

// No Redis needed here: these servers are absent or silent on purpose.

const CALLS: readonly [string, (cache: CacheBackend) => Promise<unknown>][] = [
  ['set', (c) => c.set('k', 'v', 30)],
  ['get', (c) => c.get('k')],
  ['delete', (c) => c.delete('k')],
  ['ttl', (c) => c.ttl('k')],
  ['expire', (c) => c.expire('k', 30)],
  ['increment', (c) => (c.increment as NonNullable<CacheBackend['increment']>)('k', 30)],
  ['flush', (c) => c.flush()],
];

async function expectBackendError(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
  expect(error).toBeInstanceOf(BackendError);
  expect(error).toMatchObject({ status: 503, errno: ERRNO.BACKEND });
  expect((error as Error).cause).toBeDefined();
}

describe('cache-redis when the server is unreachable', () => {
  it('rejects every call with BackendError (503, errno 201) on a closed port', async () => {
    const client = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => {});
    const cache = createRedisCache({ client, ownsClient: true });
    for (const [name, call] of CALLS) {
      await expectBackendError(call(cache)).catch((e: unknown) => {
        throw new Error(`${name}: ${String(e)}`);
      });
    }
    expect(await cache.heartbeat()).toBe(false);
    await cache.close?.();
  });

  it('fails fast with the settings client, which keeps trying to reconnect', async () => {
    const cache = createCacheFromSettings({ cache_url: 'redis://127.0.0.1:1/0', cache_prefix: 'p' });
    const started = Date.now();
    for (const [, call] of CALLS) await expectBackendError(call(cache));
    expect(await cache.heartbeat()).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
    await cache.close?.();
  });

  it('still rejects TypeError, not BackendError, for an invalid TTL', async () => {
    const client = new Redis({ port: 1, lazyConnect: true, retryStrategy: () => null });
    const cache = createRedisCache({ client });
    await expect(cache.set('k', 'v', -1)).rejects.toBeInstanceOf(TypeError);
    await expect(cache.expire('k', 0)).rejects.toBeInstanceOf(TypeError);
    client.disconnect();
  });
});

describe('cache-redis when the server never answers', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('bounds heartbeat by its timeout, and calls by the command timeout', async () => {
    const client = new Redis({ ...RESILIENT_CLIENT_OPTIONS, port, host: '127.0.0.1', commandTimeout: 300 });
    client.on('error', () => {});
    const cache = createRedisCache({ client, ownsClient: true, heartbeatTimeoutMs: 200 });
    let started = Date.now();
    expect(await cache.heartbeat()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    started = Date.now();
    await expectBackendError(cache.get('k'));
    expect(Date.now() - started).toBeLessThan(2_000);
    await cache.close?.();
  });
});
