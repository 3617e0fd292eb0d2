import type { RedisNotificationsListener } from '@core/cache-redis';
import type { BackendImporter } from '@core/toolkit';
import { Redis } from 'ioredis';
import { checkedOnce } from '../services.ts';

/** The Redis the notification tests use: `REDIS_URL`, or the machine's default server. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Whether a Redis server answers `PING` at {@link REDIS_URL} (the run's one check when there is one). */
export async function redisUp(): Promise<boolean> {
  const checked = checkedOnce('redis');
  if (checked !== undefined) return checked.up;
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 5_000,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * `import(name)`, as a deployment loads packages, except that the listeners `@core/cache-redis`
 * builds are kept in `opened`: the app does not expose its listeners, and their clients must be closed.
 */
export function capturingImporter(opened: RedisNotificationsListener[]): BackendImporter {
  return async (name) => {
    const module: unknown = await import(name);
    if (name !== '@core/cache-redis') return module;
    const { createListenerFromSettings } = module as typeof import('@core/cache-redis');
    return {
      createListenerFromSettings: (...args: Parameters<typeof createListenerFromSettings>) => {
        const listener = createListenerFromSettings(...args);
        opened.push(listener);
        return listener;
      },
    };
  };
}
