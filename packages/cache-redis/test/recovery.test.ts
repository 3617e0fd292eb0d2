import { isCoreError } from '@core/contracts';
import { afterAll, expect, it } from 'vitest';
import { createCacheFromSettings } from '../src/index.ts';
import { describeWhen } from './redis-available.ts';
import {
  freePort,
  type RedisProcess,
  redisServerInstalled,
  startRedisServer,
  waitFor,
} from './redis-process.ts';

describeWhen(
  redisServerInstalled(),
  'no redis-server binary on the PATH (needed to stop and restart a server)',
  'cache-redis across a server restart',
  () => {
    let server: RedisProcess | undefined;
    afterAll(async () => {
      await server?.stop();
    });

    it('fails with BackendError while the server is down, then recovers by itself', async () => {
      const port = await freePort();
      server = await startRedisServer(port);
      const cache = createCacheFromSettings({ cache_url: `redis://127.0.0.1:${port}/0`, cache_prefix: 'r' });
      try {
        await cache.set('k', 'before', 30);
        expect(await cache.get('k')).toBe('before');
        expect(await cache.heartbeat()).toBe(true);

        await server.stop();
        for (const call of [() => cache.get('k'), () => cache.set('k', 'during', 30), () => cache.flush()]) {
          const error = await call().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
          expect(error).toMatchObject({ status: 503, errno: 201 });
        }
        expect(await cache.heartbeat()).toBe(false);

        server = await startRedisServer(port);
        await waitFor('the cache to reconnect', () => cache.heartbeat(), 10_000);
        expect(await cache.get('k')).toBeUndefined(); // no persistence: the restart emptied it
        await cache.set('k', 'after', 30);
        expect(await cache.get('k')).toBe('after');
        expect(await cache.ttl('k')).toBeGreaterThan(28);
      } finally {
        await cache.close?.();
      }
    }, 30_000);
  },
);
