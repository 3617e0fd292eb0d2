import { describe, expect, it } from 'vitest';
import { KINTO_RESOURCES } from '../testing/kinto-fixture.ts';
import { kintoScenario } from '../testing/kinto-scenario.ts';
import { permissionsEndpointPlugin } from './plugin.ts';

const plugin = () => permissionsEndpointPlugin({ resources: KINTO_RESOURCES });

describe('/permissions endpoint', () => {
  it('F-PERM-08 lists explicit ACEs with expanded permissions, inherited objects not expanded', async () => {
    const { call } = await kintoScenario({ plugins: [plugin()] });
    const response = await call('GET', '/permissions', { user: 'alice' });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"0"');
    const byUri = Object.fromEntries(response.json.data.map((entry: { uri: string }) => [entry.uri, entry]));
    expect(Object.keys(byUri)).toEqual([
      '/buckets/b/groups/g',
      '/buckets/b/collections/c/records/r2',
      '/buckets/b/collections/c/records/r',
      '/buckets/b/collections/c',
      '/buckets/b',
      '/',
    ]);
    expect(byUri['/buckets/b']).toEqual({
      uri: '/buckets/b',
      resource_name: 'bucket',
      permissions: ['write', 'read', 'read:attributes', 'collection:create', 'group:create'],
      id: 'b',
      bucket_id: 'b',
    });
    expect(byUri['/buckets/b/collections/c/records/r']).toEqual({
      uri: '/buckets/b/collections/c/records/r',
      resource_name: 'record',
      permissions: ['write', 'read'],
      id: 'r',
      bucket_id: 'b',
      collection_id: 'c',
      record_id: 'r',
    });
    expect(byUri['/buckets/b/collections/c'].permissions).toEqual([
      'write',
      'read',
      'read:attributes',
      'record:create',
    ]);
    expect(byUri['/']).toEqual({ uri: '/', resource_name: 'root', permissions: ['bucket:create'] });
  });

  it('F-PERM-08 group principals count; read on a bucket expands to read and read:attributes', async () => {
    const { call } = await kintoScenario({ plugins: [plugin()] });
    const response = await call('GET', '/permissions', { user: 'bob' });
    const summary = response.json.data.map((entry: { uri: string; permissions: string[] }) => [
      entry.uri,
      entry.permissions,
    ]);
    expect(summary).toEqual([
      ['/buckets/b/collections/c', ['write', 'read', 'read:attributes', 'record:create']],
      ['/buckets/b', ['read', 'read:attributes']],
      ['/', ['bucket:create']],
    ]);
    const anonymous = await call('GET', '/permissions');
    expect([anonymous.status, anonymous.json.data]).toEqual([200, []]);
  });

  it('F-PERM-08 settings grant entries: every bucket, collections from create settings', async () => {
    const { call } = await kintoScenario({
      plugins: [plugin()],
      settings: {
        bucket_read_principals: 'system.Authenticated',
        record_create_principals: 'system.Authenticated',
      },
    });
    const response = await call('GET', '/permissions', { user: 'carol' });
    const summary = response.json.data.map((entry: { uri: string; permissions: string[] }) => [
      entry.uri,
      entry.permissions,
    ]);
    expect(summary).toEqual([
      ['/buckets/b/collections/c', ['read:attributes', 'record:create']],
      ['/buckets/b', ['read', 'read:attributes']],
      ['/', ['bucket:create']],
    ]);
  });

  it('F-PERM-08 strict filters, sort, _fields, HEAD totals and pagination', async () => {
    const { call } = await kintoScenario({ plugins: [plugin()] });
    const records = await call('GET', '/permissions?resource_name=record&_sort=uri', { user: 'alice' });
    expect(records.json.data.map((entry: { id: string }) => entry.id)).toEqual(['r', 'r2']);
    const contains = await call('GET', '/permissions?contains_permissions=record:create', { user: 'alice' });
    expect(contains.json.data.map((entry: { uri: string }) => entry.uri)).toEqual([
      '/buckets/b/collections/c',
    ]);
    expect((await call('GET', '/permissions?unknown=1', { user: 'alice' })).status).toBe(400);
    expect((await call('GET', '/permissions?_sort=nope', { user: 'alice' })).status).toBe(400);
    const ignored = await call('GET', '/permissions?_since=123&last_modified=1&_sort=last_modified', {
      user: 'alice',
    });
    expect(ignored.json.data).toHaveLength(6);
    const fields = await call('GET', '/permissions?resource_name=bucket&_fields=uri', { user: 'alice' });
    expect(fields.json.data).toEqual([{ id: 'b', uri: '/buckets/b' }]);
    const head = await call('HEAD', '/permissions', { user: 'alice' });
    expect([head.status, head.headers.get('Total-Objects'), head.headers.get('ETag')]).toEqual([
      200,
      '6',
      '"0"',
    ]);
    const seen: string[] = [];
    let next: string | null = '/permissions?_limit=4';
    while (next) {
      const page = await call('GET', next, { user: 'alice' });
      seen.push(...page.json.data.map((entry: { uri: string }) => entry.uri));
      const link = page.headers.get('Next-Page');
      next = link ? link.slice(link.indexOf('/v1') + 3) : null;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect((await call('GET', '/permissions?_token=garbage', { user: 'alice' })).status).toBe(400);
  });

  it('F-PERM-08 permissions_read_principals gates access; capability and plural-only endpoint', async () => {
    const { call } = await kintoScenario({
      plugins: [plugin()],
      settings: { permissions_read_principals: 'system.Authenticated' },
    });
    const anonymous = await call('GET', '/permissions');
    expect([anonymous.status, anonymous.headers.get('WWW-Authenticate')]).toEqual([
      401,
      'Basic realm="Realm"',
    ]);
    expect((await call('GET', '/permissions', { user: 'carol' })).status).toBe(200);
    expect((await call('POST', '/permissions', { user: 'carol', body: {} })).status).toBe(405);
    expect((await call('GET', '/permissions/x', { user: 'carol' })).status).toBe(404);
    const hello = await call('GET', '/');
    expect(hello.json.capabilities.permissions_endpoint.description).toMatch(/list all user objects/);
    const closed = await kintoScenario({
      plugins: [plugin()],
      settings: { permissions_read_principals: '' },
    });
    expect((await closed.call('GET', '/permissions', { user: 'carol' })).status).toBe(403);
  });
});
