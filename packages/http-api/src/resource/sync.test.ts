import type { Scope, TransactionScope } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createApi } from '../app/create-api.ts';
import { testApp } from './testing.ts';

async function seed(call: ReturnType<typeof testApp>['call'], count: number) {
  const created = [];
  for (let index = 0; index < count; index++) {
    created.push(
      (await call('POST', '/v1/mushrooms', { body: { data: { n: index, name: `m${index}` } } })).json.data,
    );
  }
  return created;
}

describe('timestamps, preconditions and sync', () => {
  it('F-TS-01 an empty list has a stable non-zero ETag, bumped by each write', async () => {
    const { call } = testApp();
    const first = await call('GET', '/v1/mushrooms');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^"\d+"$/);
    expect((await call('GET', '/v1/mushrooms')).headers.get('ETag')).toBe(etag);
    const created = await call('POST', '/v1/mushrooms', { body: { data: {} } });
    const after = (await call('GET', '/v1/mushrooms')).headers.get('ETag');
    expect(after).toBe(`"${created.json.data.last_modified}"`);
    expect(Number(after!.slice(1, -1))).toBeGreaterThan(Number(etag!.slice(1, -1)));
  });

  it('F-TS-02 Last-Modified is the HTTP date of the ETag timestamp', async () => {
    const { call } = testApp();
    const created = await call('POST', '/v1/mushrooms', { body: { data: {} } });
    const timestamp = created.json.data.last_modified;
    expect(created.headers.get('Last-Modified')).toBe(new Date(timestamp).toUTCString());
  });

  it('F-TS-03 If-None-Match with the current timestamp answers 304 on GET plural and object', async () => {
    const { call } = testApp();
    const [a] = await seed(call, 1);
    const list = await call('GET', '/v1/mushrooms');
    const notModified = await call('GET', '/v1/mushrooms', {
      headers: { 'If-None-Match': list.headers.get('ETag')! },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.json).toBeUndefined();
    expect(notModified.headers.get('ETag')).toBe(list.headers.get('ETag'));
    const object = await call('GET', `/v1/mushrooms/${a.id}`, {
      headers: { 'If-None-Match': `"${a.last_modified}"` },
    });
    expect(object.status).toBe(304);
    const stale = await call('GET', '/v1/mushrooms', { headers: { 'If-None-Match': '"1"' } });
    expect(stale.status).toBe(200);
  });

  it('F-TS-05 If-Match mismatch is 412 errno 114 with the existing object', async () => {
    const { call } = testApp();
    const [a] = await seed(call, 1);
    const response = await call('PUT', `/v1/mushrooms/${a.id}`, {
      body: { data: { name: 'x' } },
      headers: { 'If-Match': '"1"' },
    });
    expect(response.status).toBe(412);
    expect(response.json).toMatchObject({ errno: 114, message: 'Resource was modified meanwhile' });
    expect(response.json.details.existing).toEqual(a);
    const ok = await call('PUT', `/v1/mushrooms/${a.id}`, {
      body: { data: { name: 'x' } },
      headers: { 'If-Match': `"${a.last_modified}"` },
    });
    expect(ok.status).toBe(200);
  });

  it('F-TS-05 If-None-Match: * refuses to overwrite, If-Match: * refuses to create', async () => {
    const { call } = testApp();
    const [a] = await seed(call, 1);
    const overwrite = await call('PUT', `/v1/mushrooms/${a.id}`, {
      body: { data: {} },
      headers: { 'If-None-Match': '*' },
    });
    expect(overwrite.status).toBe(412);
    const missing = '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-999999999999';
    const create = await call('PUT', missing, { body: { data: {} }, headers: { 'If-Match': '*' } });
    expect(create.status).toBe(412);
    expect(create.json.details).toBeUndefined();
    const fresh = await call('PUT', missing, { body: { data: {} }, headers: { 'If-None-Match': '*' } });
    expect(fresh.status).toBe(201);
  });

  it('F-TS-06 a malformed precondition header is a 400 naming it', async () => {
    const { call } = testApp();
    for (const value of ['123', '"abc"', 'W/"12"', '""']) {
      const response = await call('GET', '/v1/mushrooms', { headers: { 'If-Match': value } });
      expect(response.status, value).toBe(400);
      expect(response.json.details[0]).toMatchObject({ location: 'header', name: 'If-Match' });
    }
  });

  it('F-TS-04 a client last_modified is honoured on create, ignored when not an integer', async () => {
    const { call } = testApp();
    const future = Date.now() + 1_000_000;
    const created = await call('POST', '/v1/mushrooms', { body: { data: { last_modified: future } } });
    expect(created.json.data.last_modified).toBe(future);
    const junk = await call('POST', '/v1/mushrooms', { body: { data: { last_modified: 'abc' } } });
    expect(junk.json.data.last_modified).toBe(future + 1);
  });

  it('F-TS-04 on update, a last_modified not above the stored one is ignored', async () => {
    const { call } = testApp();
    const [a] = await seed(call, 1);
    const updated = await call('PUT', `/v1/mushrooms/${a.id}`, {
      body: { data: { last_modified: a.last_modified - 5 } },
    });
    expect(updated.json.data.last_modified).toBeGreaterThan(a.last_modified);
  });

  it('F-SYNC-01 F-SYNC-02 tombstones show up only with a last_modified filter', async () => {
    const { call } = testApp();
    const [a, b] = await seed(call, 2);
    await call('DELETE', `/v1/mushrooms/${a.id}`);
    const plain = await call('GET', '/v1/mushrooms');
    expect(plain.json.data.map((o: { id: string }) => o.id)).toEqual([b.id]);
    const since = await call('GET', `/v1/mushrooms?_since=${b.last_modified}`);
    expect(since.json.data).toEqual([
      { id: a.id, deleted: true, last_modified: since.json.data[0].last_modified },
    ]);
    const recreated = await call('PUT', `/v1/mushrooms/${a.id}`, { body: { data: {} } });
    expect(recreated.status).toBe(201);
    const after = await call('GET', `/v1/mushrooms?_since=${b.last_modified}`);
    expect(after.json.data.map((o: { deleted?: boolean }) => o.deleted ?? false)).toEqual([false]);
  });

  it('F-SYNC-03 _since, _before, quoted values and _to with its Alert', async () => {
    const { call } = testApp();
    const [a, b, c] = await seed(call, 3);
    const ids = (r: { json: { data: { id: string }[] } }) => r.json.data.map((o) => o.id);
    expect(ids(await call('GET', `/v1/mushrooms?_since="${a.last_modified}"`))).toEqual([c.id, b.id]);
    expect(ids(await call('GET', `/v1/mushrooms?_before=${c.last_modified}`))).toEqual([b.id, a.id]);
    expect(ids(await call('GET', '/v1/mushrooms?_since=null'))).toHaveLength(3);
    const to = await call('GET', `/v1/mushrooms?_to=${b.last_modified}`);
    expect(ids(to)).toEqual([a.id]);
    expect(JSON.parse(to.headers.get('Alert')!)).toMatchObject({ code: 'soft-eol' });
    const bad = await call('GET', '/v1/mushrooms?_since=abc');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('_since');
  });

  it('F-TS-07 a read-only storage without a list timestamp answers 503 errno 201', async () => {
    const app = createApi({
      backends: createMemoryBackends({ storage: { readonly: true } }),
      resources: [{ name: 'mushroom', pluralPath: '/mushrooms', objectPath: '/mushrooms/:id' }],
    });
    const response = await app.request('/v1/mushrooms');
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).not.toBeNull();
    expect(await response.json()).toMatchObject({
      errno: 201,
      message:
        'Resource timestamp cannot be written. Plural endpoint must be hit at least once from a writable instance.',
    });
  });

  it('F-TS-01 the ETag covers a write committed between the timestamp read and the list read', async () => {
    const memory = createMemoryBackends();
    let stale: number | undefined;
    const backends = {
      ...memory,
      transaction: <T>(fn: (scope: TransactionScope) => Promise<T>) =>
        memory.transaction((scope) =>
          fn({
            ...scope,
            storage: {
              ...scope.storage,
              resourceTimestamp: async (list: Scope) => stale ?? scope.storage.resourceTimestamp(list),
            },
          }),
        ),
    };
    const app = createApi({
      backends,
      resources: [{ name: 'mushroom', pluralPath: '/mushrooms', objectPath: '/mushrooms/:id' }],
    });
    const first = await app.request('/v1/mushrooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"data": {}}',
    });
    const created = (await first.json()).data;
    stale = created.last_modified - 10;
    const listed = await app.request(`/v1/mushrooms?_since=${stale - 1}`);
    expect(listed.headers.get('ETag')).toBe(`"${created.last_modified}"`);
  });
});
