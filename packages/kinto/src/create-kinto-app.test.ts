import { BackendError, type CoreEvent } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { basic } from '../test/e2e/helpers.ts';
import { createKintoApp } from './create-kinto-app.ts';
import { createUser } from './plugins/create-user.ts';
import { KINTO_DEFAULT_SETTINGS } from './settings.ts';
import { kintoInProcess } from './testing/kinto-in-process.ts';

async function kinto(settings: Record<string, unknown> = {}) {
  return (await kintoInProcess({ settings })).call;
}

describe('the Kinto server', () => {
  it('F-KIN-ACC-01 an account is created anonymously, its password bcrypt-hashed, owned by itself', async () => {
    const call = await kinto();
    const created = await call('PUT', '/v1/accounts/alice', { body: { data: { password: 's3cr3t' } } });
    expect(created.status).toBe(201);
    expect(created.json.data.password).toMatch(/^\$2[aby]\$/);
    const hello = await call('GET', '/v1/', { auth: basic('alice', 's3cr3t') });
    expect(hello.json.user.id).toBe('account:alice');
    expect(hello.json.capabilities.accounts).toMatchObject({ validation_enabled: false });
    const own = await call('GET', '/v1/accounts/alice', { auth: basic('alice', 's3cr3t') });
    expect(own.json.permissions).toEqual({ write: ['account:alice'] });
    expect((await call('GET', '/v1/', { auth: basic('alice', 'wrong') })).json.user).toBeUndefined();
  });

  it('F-KIN-ACC-01 POST needs data.id and a password', async () => {
    const call = await kinto();
    const noId = await call('POST', '/v1/accounts', { body: { data: { password: 'x' } } });
    expect(noId.status).toBe(400);
    expect(noId.json.details[0].name).toBe('data.id');
    expect((await call('POST', '/v1/accounts', { body: { data: { id: 'bob' } } })).status).toBe(400);
    expect(
      (await call('POST', '/v1/accounts', { body: { data: { id: 'bob', password: 'x' } } })).status,
    ).toBe(201);
  });

  it('F-KIN-ACC-02 non-admins see and change only their own account', async () => {
    const call = await kinto();
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'a' } } });
    await call('PUT', '/v1/accounts/bob', { body: { data: { password: 'b' } } });
    const alice = basic('alice', 'a');
    expect(
      (await call('GET', '/v1/accounts', { auth: alice })).json.data.map((a: { id: string }) => a.id),
    ).toEqual(['alice']);
    expect((await call('GET', '/v1/accounts/bob', { auth: alice })).status).toBe(403);
    expect((await call('GET', '/v1/accounts/nobody', { auth: alice })).status).toBe(403);
    const mismatch = await call('PUT', '/v1/accounts/carol', {
      body: { data: { password: 'c' } },
      auth: alice,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.message).toContain('Username and account ID do not match.');
    expect((await call('GET', '/v1/accounts')).status).toBe(401);
    expect((await call('GET', '/v1/accounts/alice')).status).toBe(401);
  });

  it('F-KIN-ACC-02 permissions written on an account never let another user read, list, change or delete it', async () => {
    const call = await kinto();
    for (const name of ['bob', 'carol', 'dave'])
      await call('PUT', `/v1/accounts/${name}`, { body: { data: { password: name } } });
    const [bob, carol, dave] = ['bob', 'carol', 'dave'].map((name) => basic(name, name)) as [
      string,
      string,
      string,
    ];
    const shared = await call('PATCH', '/v1/accounts/bob', {
      auth: bob,
      body: { permissions: { write: ['account:carol'], read: ['system.Everyone'] } },
    });
    expect(shared.status).toBe(200);
    // Kinto: another user's account is not in the caller's list (404 where the ACE allows the read).
    const read = await call('GET', '/v1/accounts/bob', { auth: carol });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.json)).not.toContain('$2');
    expect((await call('GET', '/v1/accounts/bob', { auth: dave })).status).toBe(404);
    const listed = await call('GET', '/v1/accounts', { auth: carol });
    expect(listed.json.data.map((account: { id: string }) => account.id)).toEqual(['carol']);
    expect((await call('PATCH', '/v1/accounts/bob', { auth: carol, body: { data: { x: 1 } } })).status).toBe(
      403,
    );
    expect((await call('DELETE', '/v1/accounts/bob', { auth: carol })).status).toBe(403);
    const replaced = await call('PUT', '/v1/accounts/bob', {
      auth: carol,
      body: { data: { password: 'x' } },
    });
    expect(replaced.status).toBe(400);
    expect(replaced.json.message).toContain('Username and account ID do not match.');
    const posted = await call('POST', '/v1/accounts', {
      auth: carol,
      body: { data: { id: 'bob', password: 'x' } },
    });
    expect(posted.status).toBe(400);
    // bob is untouched and still logs in.
    expect((await call('GET', '/v1/', { auth: bob })).json.user.id).toBe('account:bob');
    expect((await call('GET', '/v1/accounts/bob', { auth: bob })).json.data.id).toBe('bob');
  });

  it('F-PERM-05 F-PERM-06 create permissions: the bucket is listed and its lists readable, but missing children stay hidden', async () => {
    const call = await kinto();
    for (const name of ['alice', 'bob'])
      await call('PUT', `/v1/accounts/${name}`, { body: { data: { password: name } } });
    const [alice, bob] = [basic('alice', 'alice'), basic('bob', 'bob')];
    await call('PUT', '/v1/buckets/shared', {
      auth: alice,
      body: { permissions: { 'collection:create': ['account:bob'], 'group:create': ['system.Everyone'] } },
    });
    await call('PUT', '/v1/buckets/private', { auth: alice });
    const ids = async (auth?: string) =>
      (await call('GET', '/v1/buckets', auth ? { auth } : {})).json.data.map(
        (bucket: { id: string }) => bucket.id,
      );
    expect(await ids(bob)).toEqual(['shared']);
    expect(await ids()).toEqual(['shared']);
    const head = await call('HEAD', '/v1/buckets', { auth: bob });
    expect(head.headers.get('Total-Objects')).toBe('1');
    expect((await call('GET', '/v1/buckets/shared/collections', { auth: bob })).status).toBe(200);
    expect((await call('GET', '/v1/buckets/shared/groups')).status).toBe(200);
    // Only callers who may read the bucket learn that a child is missing (Kinto/kinto#918).
    expect(
      (await call('PATCH', '/v1/buckets/shared/collections/nope', { auth: bob, body: { data: {} } })).status,
    ).toBe(403);
    expect((await call('DELETE', '/v1/buckets/shared/collections/nope', { auth: bob })).status).toBe(403);
    expect((await call('DELETE', '/v1/buckets/shared/groups/nope')).status).toBe(401);
    expect((await call('DELETE', '/v1/buckets/shared/collections/nope/records', { auth: bob })).status).toBe(
      403,
    );
    expect((await call('DELETE', '/v1/buckets/shared/collections/nope', { auth: alice })).status).toBe(404);
  });

  it('F-KIN-ACC-03 admins (account_write_principals) manage every account', async () => {
    const backends = createMemoryBackends();
    const { call } = await kintoInProcess({ backends });
    await createUser(backends, { username: 'admin', password: 'root', settings: KINTO_DEFAULT_SETTINGS });
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'a' } } });
    const admin = basic('admin', 'root');
    const listed = await call('GET', '/v1/accounts', { auth: admin });
    expect(listed.json.data.map((a: { id: string }) => a.id).sort()).toEqual(['admin', 'alice']);
    const forOther = await call('PUT', '/v1/accounts/zoe', {
      body: { data: { password: 'z' } },
      auth: admin,
    });
    expect(forOther.status).toBe(201);
    expect((await call('GET', '/v1/accounts/zoe', { auth: basic('zoe', 'z') })).json.permissions).toEqual({
      write: ['account:zoe'],
    });
    expect((await call('DELETE', '/v1/accounts/alice', { auth: admin })).status).toBe(200);
  });

  it('F-KIN-ACC-04 a password change or a deletion takes effect at once, despite the cache', async () => {
    const call = await kinto();
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'old' } } });
    expect((await call('GET', '/v1/', { auth: basic('alice', 'old') })).json.user?.id).toBe('account:alice');
    await call('PATCH', '/v1/accounts/alice', {
      body: { data: { password: 'new' } },
      auth: basic('alice', 'old'),
    });
    expect((await call('GET', '/v1/', { auth: basic('alice', 'old') })).json.user).toBeUndefined();
    expect((await call('GET', '/v1/', { auth: basic('alice', 'new') })).json.user?.id).toBe('account:alice');
    await call('PATCH', '/v1/accounts/alice', {
      body: { data: { email: 'a@example.com' } },
      auth: basic('alice', 'new'),
    });
    expect((await call('GET', '/v1/', { auth: basic('alice', 'new') })).json.user?.id).toBe('account:alice');
    await call('DELETE', '/v1/accounts/alice', { auth: basic('alice', 'new') });
    expect((await call('GET', '/v1/', { auth: basic('alice', 'new') })).json.user).toBeUndefined();
  });

  it('F-KIN-00 a fresh server: accounts, default bucket, buckets for the authenticated, 401 for anonymous writes', async () => {
    const call = await kinto();
    const hello = await call('GET', '/v1/');
    expect(hello.json.project_name).toBe('kinto');
    expect(Object.keys(hello.json.capabilities).sort()).toEqual(['accounts', 'default_bucket']);
    expect((await call('POST', '/v1/buckets', { body: { data: { id: 'b' } } })).status).toBe(401);
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'a' } } });
    const auth = basic('alice', 'a');
    expect((await call('PUT', '/v1/buckets/b', { auth })).status).toBe(201);
    expect((await call('PUT', '/v1/buckets/b/collections/c', { auth })).status).toBe(201);
    expect(
      (await call('POST', '/v1/buckets/b/collections/c/records', { body: { data: { n: 1 } }, auth })).status,
    ).toBe(201);
    expect((await call('GET', '/v1/buckets/b/collections/c/records')).status).toBe(401);
    await call('PUT', '/v1/accounts/bob', { body: { data: { password: 'b' } } });
    expect(
      (await call('GET', '/v1/buckets/b/collections/c/records', { auth: basic('bob', 'b') })).status,
    ).toBe(403);
    const batch = await call('POST', '/v1/batch', {
      body: {
        requests: [
          { method: 'POST', path: '/buckets/default/collections/tasks/records', body: { data: { t: 1 } } },
        ],
      },
      auth,
    });
    expect(batch.json.responses[0].status).toBe(201);
    expect((await call('POST', '/v1/__flush__')).status).toBe(404);
  });

  it('F-PERM-08 F-BATCH-02 an anonymous batch reading /permissions answers, and storage keeps answering afterwards', async () => {
    const call = await kinto({ experimental_permissions_endpoint: true, storage_lock_timeout_seconds: 2 });
    const alice = basic('alice', 'pw');
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'pw' } } });
    await call('PUT', '/v1/buckets/shared', {
      auth: alice,
      body: { permissions: { read: ['system.Everyone'] } },
    });
    const batch = await call('POST', '/v1/batch', {
      body: { requests: [{ method: 'GET', path: '/permissions' }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.json.responses[0].status).toBe(200);
    expect(batch.json.responses[0].body.data.map((entry: { uri: string }) => entry.uri)).toContain(
      '/buckets/shared',
    );
    expect((await call('GET', '/v1/buckets/shared', { auth: alice })).status).toBe(200);
    expect((await call('GET', '/v1/__heartbeat__')).json.storage).toBe(true);
  });

  it('F-UTL-07 /__flush__ inside a batch is refused instead of waiting for the batch itself', async () => {
    const call = await kinto({
      includes: 'kinto.plugins.accounts kinto.plugins.flush',
      storage_lock_timeout_seconds: 2,
    });
    const batch = await call('POST', '/v1/batch', {
      body: { requests: [{ method: 'POST', path: '/__flush__' }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.json.responses[0]).toMatchObject({ status: 400, body: { errno: 107 } });
    expect((await call('POST', '/v1/__flush__')).status).toBe(202);
  });

  it('F-AUTH-04 basicauth can be enabled after account, never before it', async () => {
    const call = await kinto({ 'multiauth.policies': 'account basicauth' });
    const hello = await call('GET', '/v1/', { auth: basic('someone', 'pw') });
    expect(hello.json.user.id).toMatch(/^basicauth:[0-9a-f]{64}$/);
    expect(hello.json.capabilities.basicauth).toBeDefined();
    await expect(createKintoApp({ settings: { 'multiauth.policies': 'basicauth account' } })).rejects.toThrow(
      /basicauth/,
    );
    await expect(
      createKintoApp({ settings: { includes: '', 'multiauth.policies': 'account' } }),
    ).rejects.toThrow(/accounts plugin/);
  });

  it('F-UTL-08 with the prometheus plugin, /__metrics__ counts the requests', async () => {
    const { app } = await createKintoApp({
      settings: { includes: 'kinto.plugins.accounts kinto.plugins.prometheus' },
    });
    await app.request('/v1/buckets');
    const metrics = await app.request('/v1/__metrics__');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /kinto_request_summary_total\{[^}]*endpoint="bucket-plural"[^}]*\} 1/,
    );
  });

  it('F-KIN-SCH-03 the schema capability is announced only when validation is enabled', async () => {
    const on = await kinto({ experimental_collection_schema_validation: 'true' });
    expect((await on('GET', '/v1/')).json.capabilities.schema).toEqual({
      description: 'Validates collection records with JSON schemas.',
      url: 'https://kinto.readthedocs.io/en/latest/api/1.x/collections.html#collection-json-schema',
    });
    const off = await kinto();
    expect((await off('GET', '/v1/')).json.capabilities.schema).toBeUndefined();
  });

  it('F-KIN-EVT events carry the ids of the URL and the object', async () => {
    const events: CoreEvent[] = [];
    const { app } = await createKintoApp({
      settings: { 'multiauth.policies': 'account basicauth' },
      listeners: [{ name: 'spy', handle: (event) => void events.push(event) }],
    });
    const auth = { Authorization: basic('bob', 'pw'), 'Content-Type': 'application/json' };
    await app.request('/v1/buckets/b', { method: 'PUT', headers: auth });
    await app.request('/v1/buckets/b/collections/c', { method: 'PUT', headers: auth });
    await app.request('/v1/buckets/b/collections/c/records/r', {
      method: 'PUT',
      headers: auth,
      body: '{"data": {}}',
    });
    const record = events.find(
      (event) =>
        event.type === 'ResourceChanged' && 'payload' in event && event.payload.resource_name === 'record',
    );
    expect(record && 'payload' in record ? record.payload : undefined).toMatchObject({
      action: 'create',
      bucket_id: 'b',
      collection_id: 'c',
      record_id: 'r',
      uri: '/buckets/b/collections/c/records/r',
    });
  });

  it('F-KIN-ACC-04 with the cache down, logins still work (bcrypt), and the failure is counted', async () => {
    const backends = createMemoryBackends();
    const { app } = await createKintoApp({
      backends,
      settings: { includes: 'kinto.plugins.accounts kinto.plugins.prometheus' },
    });
    await app.request('/v1/accounts/alice', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { password: 'a' } }),
    });
    const failing = () => Promise.reject(new BackendError('cache down'));
    Object.assign(backends.cache, { get: failing, set: failing, expire: failing });
    const hello = await (
      await app.request('/v1/', { headers: { Authorization: basic('alice', 'a') } })
    ).json();
    expect(hello.user.id).toBe('account:alice');
    expect(await (await app.request('/v1/__metrics__')).text()).toMatch(
      /kinto_accounts_cache_errors_total \d/,
    );
  });
});
