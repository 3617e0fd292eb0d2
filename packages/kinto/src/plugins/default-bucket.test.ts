import type { AuthenticationPolicy, CoreEvent } from '@core/contracts';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { KINTO_RESOURCES } from '../resources/index.ts';
import { defaultBucketPlugin } from './default-bucket.ts';
import { personalBucketId } from './default-bucket-id.ts';

const bearer: AuthenticationPolicy = {
  name: 'basicauth',
  async authenticate(request) {
    const match = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '');
    return match ? { userId: match[1]! } : null;
  },
};

function appWithDefaultBucket(settings: Record<string, unknown> = {}) {
  const events: CoreEvent[] = [];
  const backends = createMemoryBackends();
  const app = createApi({
    backends,
    resources: KINTO_RESOURCES,
    policies: [bearer],
    plugins: [defaultBucketPlugin()],
    listeners: [{ name: 'spy', handle: (event) => void events.push(event) }],
    settings,
  });
  const call = (method: string, path: string, body?: unknown, user = 'alice') =>
    app.request(path, {
      method,
      headers: { ...(user ? { Authorization: `Bearer ${user}` } : {}), 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return { app, backends, call, events };
}

describe('default bucket plugin', () => {
  it('F-KIN-DEF-01 the personal bucket id matches the spec test vector', async () => {
    const id = await personalBucketId(
      { userid_hmac_secret: '' },
      'basicauth:8a931a10fc88ab2f6d1cc02a07d3a81b5d4768f6f13e85c5d8d4180419acb1b4',
    );
    expect(id).toBe('ddaf8694-fa9e-2949-ed0e-77198a7907fb');
    const own = await personalBucketId(
      { userid_hmac_secret: '', default_bucket_hmac_secret: 'x' },
      'basicauth:a',
    );
    expect(own).not.toBe(await personalBucketId({ userid_hmac_secret: '' }, 'basicauth:a'));
  });

  it('F-KIN-DEF-01 hello shows user.bucket and the capability', async () => {
    const { call } = appWithDefaultBucket();
    const hello = await (await call('GET', '/v1/')).json();
    expect(hello.user.bucket).toBe(await personalBucketId({}, 'basicauth:alice'));
    expect(hello.capabilities.default_bucket).toBeDefined();
  });

  it('F-KIN-DEF-02 the bucket and collection are created implicitly, once, with events', async () => {
    const { call, events } = appWithDefaultBucket();
    const bucketId = await personalBucketId({}, 'basicauth:alice');
    const created = await call('POST', '/v1/buckets/default/collections/tasks/records', {
      data: { title: 'x' },
    });
    expect(created.status).toBe(201);
    const listed = await (await call('GET', `/v1/buckets/${bucketId}/collections/tasks/records`)).json();
    expect(listed.data).toHaveLength(1);
    const changes = events.filter((event) => event.type === 'ResourceChanged');
    expect(changes.map((event) => 'payload' in event && event.payload.resource_name).sort()).toEqual([
      'bucket',
      'collection',
      'record',
    ]);
    events.length = 0;
    await call('GET', '/v1/buckets/default/collections/tasks/records');
    expect(events).toEqual([]);
    const bucket = await (await call('GET', '/v1/buckets/default')).json();
    expect(bucket.data.id).toBe(bucketId);
    expect(bucket.permissions.write).toEqual(['basicauth:alice']);
  });

  it('F-KIN-DEF-02 the implicit bucket and collection stay even when the request below them fails, as in Kinto', async () => {
    const { call, events } = appWithDefaultBucket();
    const missing = await call(
      'GET',
      '/v1/buckets/default/collections/kept/records/6e3a3f5e-8b7d-4a39-9d44-0123456789ab',
    );
    expect(missing.status).toBe(404);
    expect(events.filter((event) => event.type === 'AfterResourceChanged')).toHaveLength(2);
    const invalid = await call('POST', '/v1/buckets/default/collections/other/records', { data: [] });
    expect(invalid.status).toBe(400);
    expect((await call('PUT', '/v1/buckets/default/collections/kept')).status).toBe(200);
    expect((await call('PUT', '/v1/buckets/default/collections/other')).status).toBe(200);
  });

  it('F-KIN-DEF-03 anonymous is 401; invalid collection ids 400; read-only 405; errors pass through', async () => {
    const { call } = appWithDefaultBucket();
    const anonymous = await call('GET', '/v1/buckets/default', undefined, '');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errno).toBe(104);
    const invalid = await call('GET', '/v1/buckets/default/collections/__x__/records');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).details[0]).toMatchObject({
      location: 'path',
      description: 'Invalid collection id',
    });
    const missing = await call(
      'GET',
      '/v1/buckets/default/collections/tasks/records/6e3a3f5e-8b7d-4a39-9d44-0123456789ab',
    );
    expect(missing.status).toBe(404);
    const { call: readonly } = appWithDefaultBucket({ readonly: true });
    expect((await readonly('GET', '/v1/buckets/default')).status).toBe(405);
  });

  it('F-KIN-DEF-03 PUT on the default bucket or collection itself creates them with the body, ids rewritten', async () => {
    const { call } = appWithDefaultBucket();
    const bucketId = await personalBucketId({}, 'basicauth:alice');
    const put = await call('PUT', '/v1/buckets/default', { data: { id: 'default', title: 'mine' } });
    expect(put.status).toBe(201);
    expect((await put.json()).data).toMatchObject({ id: bucketId, title: 'mine' });
    const collection = await call('PUT', '/v1/buckets/default/collections/notes', { data: { x: 1 } });
    expect(collection.status).toBe(201);
  });
});
