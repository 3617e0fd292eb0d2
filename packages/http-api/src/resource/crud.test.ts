import { describe, expect, it } from 'vitest';
import { testApp } from './testing.ts';

describe('object CRUD', () => {
  it('F-MTH-03 POST creates (201) with a generated id, the body echoing data and permissions', async () => {
    const { call } = testApp();
    const created = await call('POST', '/v1/mushrooms', {
      body: { data: { name: 'amanita' } },
      user: 'alice',
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ name: 'amanita' });
    expect(created.json.data.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(created.json.data.last_modified).toBeTypeOf('number');
    expect(created.json.permissions).toEqual({ write: ['test:alice'] });
    expect(created.headers.get('ETag')).toBe(`"${created.json.data.last_modified}"`);
  });

  it('F-MTH-03 POST with the id of an existing object returns it with 200 and writes nothing', async () => {
    const { call } = testApp();
    const id = '6e3a3f5e-8b7d-4a39-9d44-111111111111';
    const first = await call('POST', '/v1/mushrooms', { body: { data: { id, name: 'a' } } });
    expect(first.status).toBe(201);
    const again = await call('POST', '/v1/mushrooms', { body: { data: { id, name: 'b' } } });
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual(first.json.data);
  });

  it('F-ID-03 POST with an invalid data.id is a 400 naming the path id', async () => {
    const { call } = testApp();
    const response = await call('POST', '/v1/mushrooms', { body: { data: { id: 'not a uuid' } } });
    expect(response.status).toBe(400);
    expect(response.json.errno).toBe(107);
    expect(response.json.details[0]).toMatchObject({ location: 'path', description: 'Invalid object id' });
  });

  it('F-ID-02 an invalid id in the object URL is a 400 before anything else', async () => {
    const { call } = testApp();
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const body = method === 'GET' ? {} : { body: { data: {} } };
      const response = await call(method, '/v1/mushrooms/wrong=ids', body);
      expect(response.status, method).toBe(400);
      expect(response.json.details[0]).toMatchObject({ location: 'path', description: 'Invalid object id' });
    }
  });

  it('F-MTH-05 GET of an unknown object is 404 errno 110 with details', async () => {
    const { call } = testApp();
    const id = '6e3a3f5e-8b7d-4a39-9d44-222222222222';
    const response = await call('GET', `/v1/mushrooms/${id}`);
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({
      errno: 110,
      error: 'Not Found',
      details: { id, resource_name: 'mushroom' },
    });
  });

  it('F-MTH-06 PUT creates (201) then replaces (200) the whole object', async () => {
    const { call } = testApp();
    const path = '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-333333333333';
    const created = await call('PUT', path, { body: { data: { name: 'a', color: 'red' } } });
    expect(created.status).toBe(201);
    const replaced = await call('PUT', path, { body: { data: { name: 'b' } } });
    expect(replaced.status).toBe(200);
    expect(replaced.json.data).toEqual({
      id: '6e3a3f5e-8b7d-4a39-9d44-333333333333',
      name: 'b',
      last_modified: replaced.json.data.last_modified,
    });
    expect(replaced.json.data.last_modified).toBeGreaterThan(created.json.data.last_modified);
  });

  it('F-MTH-06 PUT without data keeps the data and changes only permissions; empty body creates {}', async () => {
    const { call } = testApp();
    const path = '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-444444444444';
    const empty = await call('PUT', path, { user: 'alice' });
    expect(empty.status).toBe(201);
    expect(Object.keys(empty.json.data).sort()).toEqual(['id', 'last_modified']);
    await call('PUT', path, { body: { data: { name: 'kept' } }, user: 'alice' });
    const perms = await call('PUT', path, {
      body: { permissions: { read: ['system.Everyone'] } },
      user: 'alice',
    });
    expect(perms.json.data.name).toBe('kept');
    expect(perms.json.permissions).toEqual({ read: ['system.Everyone'], write: ['test:alice'] });
  });

  it('F-ID-03 PUT with a body id different from the URL id is a 400', async () => {
    const { call } = testApp();
    const response = await call('PUT', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-555555555555', {
      body: { data: { id: '6e3a3f5e-8b7d-4a39-9d44-666666666666' } },
    });
    expect(response.status).toBe(400);
    expect(response.json.details[0]).toMatchObject({ location: 'body', name: 'id' });
  });

  it('F-MTH-08 DELETE returns the tombstone without permissions and removes the ACEs', async () => {
    const { call, backends } = testApp();
    const created = await call('POST', '/v1/mushrooms', { body: { data: {} }, user: 'alice' });
    const id = created.json.data.id;
    const deleted = await call('DELETE', `/v1/mushrooms/${id}`, { user: 'alice' });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({
      data: { id, deleted: true, last_modified: deleted.json.data.last_modified },
    });
    expect(deleted.json.data.last_modified).toBeGreaterThan(created.json.data.last_modified);
    expect(await backends.permission.getObjectPermissions(`/mushrooms/${id}`)).toEqual({});
    expect((await call('GET', `/v1/mushrooms/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/mushrooms/${id}`)).status).toBe(404);
  });

  it('F-MTH-08 DELETE ?last_modified= forces a later tombstone timestamp, ignores an earlier one', async () => {
    const { call } = testApp();
    const a = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    const forced = a.last_modified + 100_000;
    const deleted = await call('DELETE', `/v1/mushrooms/${a.id}?last_modified=${forced}`);
    expect(deleted.json.data.last_modified).toBe(forced);
    const b = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    const ignored = await call('DELETE', `/v1/mushrooms/${b.id}?last_modified=1`);
    expect(ignored.json.data.last_modified).toBeGreaterThan(b.last_modified);
  });

  it('F-RES-03 only data and permissions are accepted at the top level', async () => {
    const { call } = testApp();
    const response = await call('POST', '/v1/mushrooms', { body: { datta: {} } });
    expect(response.status).toBe(400);
    expect(response.json.errno).toBe(107);
  });

  it('F-RES-03 lists are {data: [...]} without permissions', async () => {
    const { call } = testApp();
    await call('POST', '/v1/mushrooms', { body: { data: { n: 1 } }, user: 'alice' });
    const listed = await call('GET', '/v1/mushrooms');
    expect(Object.keys(listed.json)).toEqual(['data']);
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0].permissions).toBeUndefined();
  });

  it('F-RES-06 permissions are shown only to principals among the object write ACE', async () => {
    const { call } = testApp();
    const created = await call('POST', '/v1/mushrooms', {
      body: { data: {}, permissions: { read: ['system.Everyone'] } },
      user: 'alice',
    });
    const path = `/v1/mushrooms/${created.json.data.id}`;
    expect((await call('GET', path, { user: 'alice' })).json.permissions).toEqual({
      read: ['system.Everyone'],
      write: ['test:alice'],
    });
    expect((await call('GET', path, { user: 'bob' })).json.permissions).toEqual({});
    expect((await call('GET', path)).json.permissions).toEqual({});
  });

  it('F-RES-03 an unknown permission name in the body is a 400', async () => {
    const { call } = testApp();
    const response = await call('POST', '/v1/mushrooms', {
      body: { data: {}, permissions: { 'record:create': [] } },
    });
    expect(response.status).toBe(400);
    expect(response.json.errno).toBe(107);
  });

  it('F-RES-02 a non-JSON content type is 415 and invalid JSON is 400 errno 107', async () => {
    const { call } = testApp();
    const wrongType = await call('POST', '/v1/mushrooms', {
      body: '{}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.errno).toBe(107);
    const invalid = await call('POST', '/v1/mushrooms', { body: '{"data": ' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toMatch(/^Invalid JSON: /);
  });

  it('F-TK-RES-01 nested resources are isolated per parent', async () => {
    const { call } = testApp();
    await call('PUT', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-777777777777/spores/abc', {
      body: { data: { n: 1 } },
    });
    await call('PUT', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-888888888888/spores/abc', {
      body: { data: { n: 2 } },
    });
    const one = await call('GET', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-777777777777/spores');
    expect(one.json.data.map((s: { n: number }) => s.n)).toEqual([1]);
    const generated = await call('POST', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-777777777777/spores', {
      body: { data: {} },
    });
    expect(generated.json.data.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{7}$/);
  });
});
