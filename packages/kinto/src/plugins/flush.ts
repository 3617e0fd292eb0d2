import type { ServerFlushedEvent } from '@core/contracts';
import { type ApiPlugin, badRequest, methodNotAllowed } from '@core/http-api';

/**
 * `POST /__flush__` (utilities.md §8): empties the storage, permission and cache backends and emits
 * `ServerFlushed`; no authentication, as in Kinto — include it only where wiping everything is wanted.
 */
export function flushPlugin(): ApiPlugin {
  return {
    name: 'flush',
    capabilities: {
      flush_endpoint: {
        description: 'The __flush__ endpoint can be used to remove all data from all backends.',
        url: 'https://kinto.readthedocs.io/en/latest/api/1.x/flush.html',
      },
    },
    routes(v1) {
      v1.post('/__flush__', async (c) => {
        // A batch holds its transaction open: emptying the backends from inside it would wait for
        // that very transaction (and a flush has nothing to roll back with the batch anyway).
        if (c.get('parent')) throw badRequest('The __flush__ endpoint cannot be called inside a batch.');
        const { storage, permission, cache } = c.get('backends');
        await Promise.all([storage.flush(), permission.flush(), cache.flush()]);
        const event: ServerFlushedEvent = { type: 'ServerFlushed', timestamp: Date.now() };
        for (const listener of c.get('listeners')) {
          try {
            await listener.handle(event, {});
          } catch (error) {
            c.get('logger')?.error({ err: error, listener: listener.name }, 'ServerFlushed listener failed');
          }
        }
        return c.json({}, 202);
      });
      v1.all('/__flush__', () => Promise.reject(methodNotAllowed()));
    },
  };
}
