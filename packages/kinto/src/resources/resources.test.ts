import { describe, expect, it } from 'vitest';
import { kintoTestApp } from './testing.ts';

describe('Kinto resources', () => {
  it('F-KIN-00 ids: names for buckets/collections/groups, UUIDs for records; invalid ids are 400', async () => {
    const { call } = kintoTestApp();
    expect((await call('PUT', '/v1/buckets/__barley__')).status).toBe(400);
    const bucket = await call('POST', '/v1/buckets', { data: {} });
    expect(bucket.json.data.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{7}$/);
    const collection = await call('POST', `/v1/buckets/${bucket.json.data.id}/collections`, { data: {} });
    expect(collection.json.data.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{7}$/);
    const record = await call(
      'POST',
      `/v1/buckets/${bucket.json.data.id}/collections/${collection.json.data.id}/records`,
      {
        data: {},
      },
    );
    expect(record.json.data.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect((await call('PUT', '/v1/buckets/b/collections/c/records/any_id-1', { data: {} })).status).toBe(
      404,
    );
  });

  it('F-KIN-BKT-01 PUT without body creates an empty bucket; schema fields must be JSON Schemas', async () => {
    const { call } = kintoTestApp();
    const created = await call('PUT', '/v1/buckets/b');
    expect(created.status).toBe(201);
    expect(Object.keys(created.json.data).sort()).toEqual(['id', 'last_modified']);
    const invalid = await call('PUT', '/v1/buckets/c', { data: { 'record:schema': { type: 'nope' } } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.details[0].name).toBe('data.record:schema');
    expect(
      (await call('PUT', '/v1/buckets/d', { data: { 'record:schema': { type: 'object' } } })).status,
    ).toBe(201);
  });

  it('F-KIN-BKT-02 deleting a bucket removes everything under it without tombstones; /buckets/ab survives', async () => {
    const { call, backends } = kintoTestApp();
    for (const bucket of ['a', 'ab']) {
      await call('PUT', `/v1/buckets/${bucket}`);
      await call('PUT', `/v1/buckets/${bucket}/collections/c`);
      await call('PUT', `/v1/buckets/${bucket}/groups/g`, { data: { members: ['account:x'] } });
      await call('PUT', `/v1/buckets/${bucket}/collections/c/records/r`, { data: { n: 1 } });
    }
    await call('DELETE', '/v1/buckets/a/collections/c/records/r');
    expect((await call('DELETE', '/v1/buckets/a')).status).toBe(200);
    for (const [resource, parent] of [
      ['collection', '/buckets/a'],
      ['group', '/buckets/a'],
      ['record', '/buckets/a/collections/c'],
    ] as const) {
      expect(await backends.storage.listAll({ resource, parent }, { includeDeleted: true })).toEqual([]);
    }
    expect(
      (await call('GET', '/v1/buckets?_since=0')).json.data
        .map((b: { id: string; deleted?: boolean }) => [b.id, !!b.deleted])
        .sort(),
    ).toEqual([
      ['a', true],
      ['ab', false],
    ]);
    expect((await call('GET', '/v1/buckets/ab/collections/c/records/r')).json.data.n).toBe(1);
    expect((await call('GET', '/v1/buckets/ab/groups/g')).status).toBe(200);
    await call('PUT', '/v1/buckets/a');
    expect((await call('GET', '/v1/buckets/a/collections')).json.data).toEqual([]);
  });

  it('F-KIN-COL-01 F-KIN-COL-02 collections: cache_expires integer, per-bucket isolation, cascade to records', async () => {
    const { call, backends } = kintoTestApp();
    await call('PUT', '/v1/buckets/b');
    expect(
      (await call('PUT', '/v1/buckets/b/collections/c', { data: { cache_expires: 'soon' } })).status,
    ).toBe(400);
    expect(
      (
        await call('PUT', '/v1/buckets/b/collections/c', {
          data: { cache_expires: 10, schema: { type: 'object' } },
        })
      ).status,
    ).toBe(201);
    expect((await call('GET', '/v1/buckets/b2/collections/c')).status).toBe(404);
    await call('PUT', '/v1/buckets/b/collections/c/records/r');
    expect((await call('DELETE', '/v1/buckets/b/collections/c')).status).toBe(200);
    expect(
      await backends.storage.listAll(
        { resource: 'record', parent: '/buckets/b/collections/c' },
        { includeDeleted: true },
      ),
    ).toEqual([]);
  });

  it('F-KIN-GRP-01 F-KIN-GRP-02 group members: validated, and turned into principals', async () => {
    const { call, backends } = kintoTestApp();
    await call('PUT', '/v1/buckets/b');
    for (const bad of ['system.Everyone', '/buckets/b/groups/other']) {
      const refused = await call('PUT', '/v1/buckets/b/groups/g', { data: { members: [bad] } });
      expect(refused.status, bad).toBe(400);
      expect(refused.json.message).toContain(`'${bad}' is not a valid user ID.`);
    }
    const empty = await call('PUT', '/v1/buckets/b/groups/e');
    expect(empty.json.data.members).toEqual([]);
    // A POST naming an existing group is validated too (Kinto's colander schema runs first).
    const existing = await call('POST', '/v1/buckets/b/groups', {
      data: { id: 'e', members: ['/buckets/b/groups/other'] },
    });
    expect(existing.status).toBe(400);
    expect(existing.json.details[0].name).toBe('data.members.0');
    expect((await call('POST', '/v1/buckets/b/groups', { data: { id: 'e' } })).status).toBe(200);
    await call('PUT', '/v1/buckets/b/groups/g', { data: { members: ['account:alice', 'account:bob'] } });
    expect(await backends.permission.getUserPrincipals('account:alice')).toEqual(['/buckets/b/groups/g']);
    await call('PATCH', '/v1/buckets/b/groups/g', { data: { members: ['account:bob'] } });
    expect(await backends.permission.getUserPrincipals('account:alice')).toEqual([]);
    await call('DELETE', '/v1/buckets/b/groups/g');
    expect(await backends.permission.getUserPrincipals('account:bob')).toEqual([]);
  });

  it('F-KIN-REC-01 records need their collection: 404 errno 111 with its details', async () => {
    const { call } = kintoTestApp();
    await call('PUT', '/v1/buckets/b');
    const missing = await call('POST', '/v1/buckets/b/collections/nope/records', { data: {} });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ errno: 111, details: { id: 'nope', resource_name: 'collection' } });
    await call('PUT', '/v1/buckets/b/collections/c');
    expect((await call('POST', '/v1/buckets/b/collections/c/records', { data: { n: 1 } })).status).toBe(201);
    expect((await call('GET', '/v1/buckets/b/collections/nope/records')).status).toBe(404);
  });

  it('F-KIN-SCH-01 F-KIN-SCH-02 records are validated against collection and bucket schemas when enabled', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b', {
      data: { 'record:schema': { type: 'object', properties: { size: { type: 'number' } } } },
    });
    const collection = await call('PUT', '/v1/buckets/b/collections/c', {
      data: {
        schema: {
          type: 'object',
          properties: { title: { type: 'string' } },
          required: ['title', 'id', 'last_modified'],
        },
      },
    });
    const required = await call('POST', '/v1/buckets/b/collections/c/records', { data: {} });
    expect(required.status).toBe(400);
    expect(required.json.message).toBe("'title' is a required property");
    expect(required.json.details[0]).toMatchObject({ location: 'body', name: 'title' });
    const wrongType = await call('POST', '/v1/buckets/b/collections/c/records', {
      data: { title: 'x', size: 'hi!' },
    });
    expect(wrongType.json.message).toBe("size in body: 'hi!' is not of type 'number'");
    const ok = await call('POST', '/v1/buckets/b/collections/c/records', { data: { title: 'x', size: 3 } });
    expect(ok.status).toBe(201);
    expect(ok.json.data.schema).toBe(collection.json.data.last_modified);
    const { call: off } = kintoTestApp();
    await off('PUT', '/v1/buckets/b');
    await off('PUT', '/v1/buckets/b/collections/c', {
      data: { schema: { type: 'object', required: ['title'] } },
    });
    expect((await off('POST', '/v1/buckets/b/collections/c/records', { data: {} })).status).toBe(201);
  });

  it('F-CACHE-02 record cache headers combine settings and the collection cache_expires', async () => {
    const { call } = kintoTestApp({ 'b.record_cache_expires_seconds': 5 });
    await call('PUT', '/v1/buckets/b');
    await call('PUT', '/v1/buckets/b/collections/c', { data: { cache_expires: 60 } });
    await call('PUT', '/v1/buckets/b/collections/d');
    expect((await call('GET', '/v1/buckets/b/collections/c/records')).headers.get('Cache-Control')).toBe(
      'max-age=60',
    );
    expect((await call('GET', '/v1/buckets/b/collections/d/records')).headers.get('Cache-Control')).toBe(
      'max-age=5',
    );
  });
});
