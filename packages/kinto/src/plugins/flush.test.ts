import type { CoreEvent } from '@core/contracts';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { KINTO_RESOURCES } from '../resources/index.ts';
import { flushPlugin } from './flush.ts';

describe('flush plugin', () => {
  it('F-UTL-07 POST /__flush__ empties every backend, answers 202 {} and emits ServerFlushed', async () => {
    const events: CoreEvent[] = [];
    const backends = createMemoryBackends();
    const app = createApi({
      backends,
      resources: KINTO_RESOURCES,
      plugins: [flushPlugin()],
      listeners: [{ name: 'spy', handle: (event) => void events.push(event) }],
    });
    await app.request('/v1/buckets/b', { method: 'PUT' });
    await backends.permission.addPrincipalToAce('/buckets/b', 'read', 'x');
    await backends.cache.set('k', 1, 60);
    const response = await app.request('/v1/__flush__', { method: 'POST' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({});
    expect(await backends.storage.countAll({ resource: 'bucket', parent: '' })).toBe(0);
    expect(await backends.permission.getObjectPermissions('/buckets/b')).toEqual({});
    expect(await backends.cache.get('k')).toBeUndefined();
    expect(events.some((event) => event.type === 'ServerFlushed')).toBe(true);
    expect((await (await app.request('/v1/')).json()).capabilities.flush_endpoint).toBeDefined();
    expect((await app.request('/v1/__flush__')).status).toBe(405);
  });

  it('F-UTL-07 without the plugin there is no /__flush__', async () => {
    const app = createApi({ backends: createMemoryBackends(), resources: KINTO_RESOURCES });
    expect((await app.request('/v1/__flush__', { method: 'POST' })).status).toBe(404);
  });
});
