import type { Backends } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { defineResource } from './index.ts';

const tasks = defineResource({ name: 'task', pluralPath: '/tasks', objectPath: '/tasks/:id' });

describe('createApp', () => {
  it('F-TK-SET raw string settings are converted, validated and reach the protocol', async () => {
    const { app, settings } = await createApp({
      settings: { 'kinto.paginate_by': '2', readonly: 'false', project_name: 'demo' },
      resources: [tasks],
    });
    expect(settings.paginate_by).toBe(2);
    for (let index = 0; index < 3; index++) {
      await app.request('/v1/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { index } }),
      });
    }
    const page = await app.request('/v1/tasks');
    expect((await page.json()).data).toHaveLength(2);
    expect(page.headers.get('Next-Page')).toContain('_limit=2');
    expect((await (await app.request('/v1/')).json()).project_name).toBe('demo');
  });

  it('F-TK-SET a bad setting fails at start-up with an error naming it', async () => {
    await expect(createApp({ settings: { paginate_by: 'abc' } })).rejects.toThrow(/paginate_by/);
  });

  it('F-TK-SET backends default to the memory package named by the settings', async () => {
    const { app, backends } = await createApp({ resources: [tasks] });
    expect(backends.storage.name).toBe('memory');
    const heartbeat = await app.request('/v1/__heartbeat__');
    expect(await heartbeat.json()).toEqual({ storage: true, permission: true, cache: true });
  });

  it('F-TK-SET programmatic backends are used as given (edge wiring)', async () => {
    const given: Backends = createMemoryBackends();
    const { backends, app } = await createApp({ backends: given, resources: [tasks] });
    expect(backends).toBe(given);
    const put = await app.request('/v1/tasks/6e3a3f5e-8b7d-4a39-9d44-0123456789ab', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{"data": {}}',
    });
    expect(put.status).toBe(201);
    expect(await given.storage.countAll({ resource: 'task', parent: '' })).toBe(1);
  });

  it('F-TK-SET a backend package that cannot be found is a start-up error naming the setting', async () => {
    await expect(
      createApp({
        settings: { storage_backend: 'no-such-backend-package' },
        importer: async (name) => {
          throw new Error(`Cannot find package '${name}'`);
        },
      }),
    ).rejects.toThrow(/storage_backend/);
  });
});
