import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { bearerPolicy, mushrooms } from '../resource/testing.ts';
import { transactional } from '../resource/transaction.ts';
import { createApi } from './create-api.ts';
import type { ApiPlugin } from './options.ts';

const capability = { description: 'd', url: 'https://example.com' };

describe('plugins', () => {
  it('F-UTL-01 plugins add middleware, routes, capabilities, heartbeats and public settings', async () => {
    const seen: string[] = [];
    const plugin: ApiPlugin = {
      name: 'demo',
      middleware: [
        async (c, next) => {
          await next();
          seen.push(`${c.req.method} ${c.req.path} ${c.res.status}`);
        },
      ],
      routes: (v1) => v1.get('/demo', (c) => c.json({ ok: true })),
      capabilities: { demo: capability },
      heartbeats: { demo: async () => true },
      publicSettings: ['demo_setting'],
    };
    const app = createApi({
      backends: createMemoryBackends(),
      plugins: [plugin],
      settings: { demo_setting: 7 },
    });
    expect(await (await app.request('/v1/demo')).json()).toEqual({ ok: true });
    const hello = await (await app.request('/v1/')).json();
    expect(hello.capabilities.demo).toEqual(capability);
    expect(hello.settings.demo_setting).toBe(7);
    expect((await (await app.request('/v1/__heartbeat__')).json()).demo).toBe(true);
    expect((await app.request('/v1/nowhere')).status).toBe(404);
    expect(seen).toContain('GET /v1/nowhere 404');
  });

  it('F-UTL-01 the same capability from two sources is a start-up error', () => {
    const plugin: ApiPlugin = { name: 'twice', capabilities: { demo: capability } };
    expect(() =>
      createApi({ backends: createMemoryBackends(), capabilities: { demo: capability }, plugins: [plugin] }),
    ).toThrow(/demo/);
  });

  it('F-TK-TX a dispatched subrequest runs in its parent transaction, as its parent caller', async () => {
    const backends = createMemoryBackends();
    const plugin: ApiPlugin = {
      name: 'sub',
      routes: (v1) =>
        v1.post('/twice', transactional, async (c) => {
          const parent = {
            requestId: c.var.requestId,
            caller: c.var.caller,
            transaction: c.var.transaction!,
            events: c.var.events!,
          };
          const put = (id: string) =>
            c.var.dispatch(
              new Request(`http://localhost/v1/mushrooms/${id}`, {
                method: 'PUT',
                headers: { 'Content-Type': 'application/json' },
                body: '{"data": {}}',
              }),
              parent,
            );
          const first = await put('6e3a3f5e-8b7d-4a39-9d44-000000000001');
          await put('6e3a3f5e-8b7d-4a39-9d44-000000000002');
          if (c.req.query('fail')) return c.json({ error: 'veto' }, 400);
          return c.json({ first: first.status });
        }),
    };
    const app = createApi({ backends, resources: [mushrooms], plugins: [plugin] });
    const failed = await app.request('/v1/twice?fail=1', { method: 'POST' });
    expect(failed.status).toBe(400);
    expect(await backends.storage.countAll({ resource: 'mushroom', parent: '' })).toBe(0);
    const ok = await app.request('/v1/twice', { method: 'POST' });
    expect(await ok.json()).toEqual({ first: 201 });
    expect(await backends.storage.countAll({ resource: 'mushroom', parent: '' })).toBe(2);
  });

  it('F-ERR-04 reportError sees every unexpected error, and a failing reporter changes nothing', async () => {
    const reported: string[] = [];
    const plugin: ApiPlugin = {
      name: 'reporter',
      reportError: (error, report) =>
        reported.push(`${(error as Error).message} ${report.method} ${report.path}`),
      routes: (v1) =>
        v1.get('/boom', () => {
          throw new Error('kaput');
        }),
    };
    const failing: ApiPlugin = {
      name: 'failing',
      reportError: () => {
        throw new Error('reporter down');
      },
    };
    const app = createApi({ backends: createMemoryBackends(), plugins: [failing, plugin] });
    const response = await app.request('/v1/boom');
    expect(response.status).toBe(500);
    expect((await response.json()).errno).toBe(999);
    expect(reported).toEqual(['kaput GET /v1/boom']);
    expect((await app.request('/v1/nowhere')).status).toBe(404);
    expect(reported).toHaveLength(1);
  });

  it('F-UTL-01 beforeRoutes middleware see the authenticated caller; helloUser extends the user block', async () => {
    const seen: (string | null)[] = [];
    const plugin: ApiPlugin = {
      name: 'user-aware',
      beforeRoutes: [
        async (c, next) => {
          seen.push(c.var.caller.userId);
          await next();
        },
      ],
      helloUser: (c) => ({ bucket: `b-${c.var.caller.userId}` }),
    };
    const app = createApi({ backends: createMemoryBackends(), plugins: [plugin], policies: [bearerPolicy] });
    const hello = await (await app.request('/v1/', { headers: { Authorization: 'Bearer alice' } })).json();
    expect(hello.user).toMatchObject({ id: 'test:alice', bucket: 'b-test:alice' });
    expect(seen).toEqual(['test:alice']);
    expect((await (await app.request('/v1/')).json()).user).toBeUndefined();
  });
});
