import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createKintoApp } from '../create-kinto-app.ts';
import { KINTO_DEFAULT_SETTINGS } from '../settings.ts';
import { requestJson, type Send } from '../testing/request-json.ts';
import { createUser } from './create-user.ts';

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

async function kinto(settings: Record<string, unknown> = {}) {
  const backends = createMemoryBackends();
  const { app } = await createKintoApp({ settings, backends });
  const send: Send = (path, init) => app.request(path, init);
  const call = (method: string, path: string, options: { body?: unknown; auth?: string } = {}) =>
    requestJson(send, method, path, options);
  return { call, backends, settings: { ...KINTO_DEFAULT_SETTINGS, ...settings } };
}

describe('accounts the settings give powers to', () => {
  it('F-KIN-ACC-03 the default administrator (account:admin) cannot be taken by an anonymous sign-up', async () => {
    const { call, backends } = await kinto();
    const put = await call('PUT', '/v1/accounts/admin', { body: { data: { password: 'mine' } } });
    expect(put.status).toBe(401);
    expect(put.json.errno).toBe(104);
    const post = await call('POST', '/v1/accounts', { body: { data: { id: 'admin', password: 'mine' } } });
    expect(post.status).toBe(401);
    const batch = await call('POST', '/v1/batch', {
      body: { requests: [{ method: 'PUT', path: '/accounts/admin', body: { data: { password: 'mine' } } }] },
    });
    expect(batch.json.responses[0].status).toBe(401);
    await expect(backends.storage.get({ resource: 'account', parent: 'admin' }, 'admin')).rejects.toThrow();
    expect((await call('GET', '/v1/', { auth: basic('admin', 'mine') })).json.user).toBeUndefined();
    // Everyone else still signs up anonymously.
    expect((await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'a' } } })).status).toBe(201);
  });

  it('F-KIN-ACC-03 every account:<id> named by a *_principals setting is reserved', async () => {
    const { call } = await kinto({
      account_write_principals: 'account:root account:backup',
      bucket_create_principals: 'account:ops system.Authenticated',
    });
    for (const id of ['root', 'backup', 'ops']) {
      const answer = await call('PUT', `/v1/accounts/${id}`, { body: { data: { password: 'x' } } });
      expect(answer.status, id).toBe(401);
    }
    expect((await call('PUT', '/v1/accounts/admin', { body: { data: { password: 'x' } } })).status).toBe(201);
  });

  it('F-KIN-ACC-03 createUser (kinto create-user) creates the administrator, who then manages every account', async () => {
    const { call, backends, settings } = await kinto();
    expect(await createUser(backends, { username: 'admin', password: 'root', settings })).toBe('created');
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'a' } } });
    const admin = basic('admin', 'root');
    expect((await call('GET', '/v1/', { auth: admin })).json.user.id).toBe('account:admin');
    const own = await call('GET', '/v1/accounts/admin', { auth: admin });
    expect(own.json.permissions).toEqual({ write: ['account:admin'] });
    const listed = await call('GET', '/v1/accounts', { auth: admin });
    expect(listed.json.data.map((a: { id: string }) => a.id).sort()).toEqual(['admin', 'alice']);
    expect((await call('DELETE', '/v1/accounts/alice', { auth: admin })).status).toBe(200);
  });

  it('F-KIN-ACC-04 createUser on an existing account sets its password at once, keeping its other fields', async () => {
    const { call, backends, settings } = await kinto();
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'old', email: 'a@example.com' } } });
    // A verified login is cached: the old password must stop working anyway.
    expect((await call('GET', '/v1/', { auth: basic('alice', 'old') })).json.user?.id).toBe('account:alice');
    expect(await createUser(backends, { username: 'alice', password: 'new', settings })).toBe('updated');
    expect((await call('GET', '/v1/', { auth: basic('alice', 'old') })).json.user).toBeUndefined();
    const own = await call('GET', '/v1/accounts/alice', { auth: basic('alice', 'new') });
    expect(own.json.data.email).toBe('a@example.com');
    expect(own.json.data.password).toMatch(/^\$2[aby]\$/);
  });

  it('createUser refuses invalid usernames and empty passwords', async () => {
    const { backends, settings } = await kinto();
    await expect(createUser(backends, { username: 'bad id', password: 'x', settings })).rejects.toThrow(
      'Invalid username "bad id"',
    );
    await expect(createUser(backends, { username: 'bob', password: '', settings })).rejects.toThrow(
      'The password must not be empty',
    );
  });
});
