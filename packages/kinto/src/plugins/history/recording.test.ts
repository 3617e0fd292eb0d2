import { describe, expect, it } from 'vitest';
import { historyApp } from './testing.ts';

type Entry = Record<string, unknown> & { target: { data: Record<string, unknown>; permissions: unknown } };

describe('history recording', () => {
  it('F-KIN-HIS-01 one entry per change of each kind, with its shape; bucket_id on bucket entries only', async () => {
    const { call, userId } = await historyApp();
    const alice = await userId('alice');
    const user = 'alice';
    await call('PUT', '/buckets/b', { user, body: { data: { title: 'B' } } });
    await call('PUT', '/buckets/b/collections/c', { user });
    await call('PUT', '/buckets/b/groups/g', { user, body: { data: { members: ['account:x'] } } });
    const posted = await call('POST', '/buckets/b/collections/c/records', { user, body: { data: { n: 1 } } });
    const rid = posted.json.data.id as string;
    await call('PATCH', `/buckets/b/collections/c/records/${rid}`, {
      user,
      body: { data: { n: 2 }, permissions: { read: ['system.Everyone'] } },
    });
    await call('DELETE', '/buckets/b/groups/g', { user });
    const listed = await call('GET', '/buckets/b/history', { user });
    expect(listed.status).toBe(200);
    const entries = listed.json.data as Entry[];
    expect(entries.map((entry) => [entry.resource_name, entry.action, entry.uri])).toEqual([
      ['group', 'delete', '/buckets/b/groups/g'],
      ['record', 'update', `/buckets/b/collections/c/records/${rid}`],
      ['record', 'create', `/buckets/b/collections/c/records/${rid}`],
      ['group', 'create', '/buckets/b/groups/g'],
      ['collection', 'create', '/buckets/b/collections/c'],
      ['bucket', 'create', '/buckets/b'],
    ]);
    const [groupDelete, recordUpdate, recordCreate, groupCreate, collection, bucket] = entries as [
      Entry,
      Entry,
      Entry,
      Entry,
      Entry,
      Entry,
    ];
    for (const entry of entries) {
      expect(entry.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(entry.user_id).toBe(alice);
      expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
      expect(typeof entry.last_modified).toBe('number');
      expect('timestamp' in entry).toBe(false);
    }
    expect(bucket).toMatchObject({ bucket_id: 'b', target: { data: { id: 'b', title: 'B' } } });
    expect(bucket.target.permissions).toEqual({ write: [alice] });
    expect(collection).toMatchObject({ collection_id: 'c' });
    expect(groupCreate).toMatchObject({ group_id: 'g', target: { data: { members: ['account:x'] } } });
    expect(recordCreate).toMatchObject({ collection_id: 'c', record_id: rid, target: { data: { n: 1 } } });
    expect(recordUpdate.target).toEqual({
      data: { id: rid, n: 2, last_modified: recordUpdate.target.data.last_modified },
      permissions: { read: ['system.Everyone'], write: [alice] },
    });
    expect(groupDelete.target.data).toMatchObject({ id: 'g', deleted: true });
    expect(groupDelete.target.permissions).toEqual({});
    for (const entry of [collection, groupCreate, groupDelete, recordCreate, recordUpdate]) {
      expect('bucket_id' in entry).toBe(false);
    }
    expect('record_id' in collection || 'collection_id' in groupCreate).toBe(false);
  });

  it('F-KIN-HIS-01 batch creations get one entry per object with its canonical URI; cascades only the parent', async () => {
    const { call, backends } = await historyApp();
    const user = 'alice';
    const batch = await call('POST', '/batch', {
      user,
      body: {
        defaults: { method: 'POST', path: '/buckets/b/collections/c/records' },
        requests: [
          { method: 'PUT', path: '/buckets/b' },
          { path: '/buckets/b/collections', body: { data: { id: 'c' } } },
          { body: { data: { id: 'r1' } } },
          { body: { data: { id: 'r2' } } },
        ],
      },
    });
    expect(batch.status).toBe(200);
    const uris = (await call('GET', '/buckets/b/history', { user })).json.data.map((e: Entry) => e.uri);
    expect(uris.sort()).toEqual([
      '/buckets/b',
      '/buckets/b/collections/c',
      '/buckets/b/collections/c/records/r1',
      '/buckets/b/collections/c/records/r2',
    ]);
    expect((await call('DELETE', '/buckets/b/collections/c', { user })).status).toBe(200);
    const after = (await call('GET', '/buckets/b/history?_since=0', { user })).json.data as Entry[];
    expect(after).toHaveLength(5);
    expect([after[0]?.uri, after[0]?.action]).toEqual(['/buckets/b/collections/c', 'delete']);
    expect(await backends.storage.countAll({ resource: 'history', parent: '/buckets/b' }, [])).toBe(5);
  });

  it('F-KIN-HIS-01 deleting a bucket removes its whole history and its entries ACEs, not other buckets', async () => {
    const { call, backends } = await historyApp();
    const user = 'alice';
    for (const bucket of ['a', 'ab']) {
      await call('PUT', `/buckets/${bucket}`, { user });
      await call('PUT', `/buckets/${bucket}/collections/c`, { user });
      await call('PUT', `/buckets/${bucket}/collections/c/records/r`, { user });
    }
    await call('DELETE', '/buckets/a/collections/c/records/r', { user });
    expect((await call('DELETE', '/buckets/a', { user })).status).toBe(200);
    const scope = { resource: 'history', parent: '/buckets/a' };
    expect(await backends.storage.listAll(scope, { includeDeleted: true })).toEqual([]);
    const aces = await backends.permission.getAccessibleObjects([await (await historyApp()).userId(user)]);
    expect([...aces.keys()].filter((uri) => uri.startsWith('/buckets/a/'))).toEqual([]);
    expect((await call('GET', '/buckets/ab/history', { user })).json.data).toHaveLength(3);
    await call('PUT', '/buckets/a', { user });
    const fresh = (await call('GET', '/buckets/a/history', { user })).json.data as Entry[];
    expect(fresh.map((entry) => [entry.resource_name, entry.action])).toEqual([['bucket', 'create']]);
  });

  it('F-KIN-HIS-01 DELETE /buckets (plural) removes the history of the deleted buckets', async () => {
    const { call, backends } = await historyApp();
    await call('PUT', '/buckets/x', { user: 'alice', body: { data: { gone: true } } });
    await call('PUT', '/buckets/y', { user: 'alice' });
    expect((await call('DELETE', '/buckets?gone=true', { user: 'alice' })).status).toBe(200);
    expect(await backends.storage.countAll({ resource: 'history', parent: '/buckets/x' }, [])).toBe(0);
    expect(await backends.storage.countAll({ resource: 'history', parent: '/buckets/y' }, [])).toBe(1);
  });

  it('F-KIN-HIS-02 entries are readable by who could read the object then: bucket, collection, object', async () => {
    const { call, userId, backends } = await historyApp({ experimental_permissions_endpoint: true });
    const [bob, carol, dave] = await Promise.all([userId('bob'), userId('carol'), userId('dave')]);
    const user = 'alice';
    await call('PUT', '/buckets/b', { user });
    await call('PUT', '/buckets/b/groups/readers', { user, body: { data: { members: [dave] } } });
    await call('PUT', '/buckets/b/collections/c', { user, body: { permissions: { read: [carol] } } });
    await call('PUT', '/buckets/b/collections/other', { user });
    await call('PUT', '/buckets/b/collections/c/records/shared', {
      user,
      body: { data: { n: 1 }, permissions: { read: [bob] } },
    });
    await call('PUT', '/buckets/b/collections/c/records/private', { user, body: { data: { n: 2 } } });
    await call('PUT', '/buckets/b/collections/other/records/grouped', {
      user,
      body: { permissions: { write: ['/buckets/b/groups/readers'] } },
    });
    const uris = async (who: string, query = '') => {
      const response = await call('GET', `/buckets/b/history${query}`, { user: who });
      expect(response.status).toBe(200);
      return (response.json.data as Entry[]).map((entry) => `${entry.action} ${entry.uri}`);
    };
    expect(await uris('bob')).toEqual(['create /buckets/b/collections/c/records/shared']);
    expect(await uris('carol')).toEqual([
      'create /buckets/b/collections/c/records/private',
      'create /buckets/b/collections/c/records/shared',
      'create /buckets/b/collections/c',
    ]);
    expect(await uris('dave')).toEqual(['create /buckets/b/collections/other/records/grouped']);
    expect(await uris('alice')).toHaveLength(7);
    // Filters and counts apply within what the caller may read.
    expect(await uris('carol', '?record_id=shared')).toEqual([
      'create /buckets/b/collections/c/records/shared',
    ]);
    // Permissions are those of the time of the change: bob keeps his entry after losing access.
    await call('PATCH', '/buckets/b/collections/c/records/shared', {
      user,
      body: { permissions: { read: [] } },
    });
    expect(await uris('bob')).toEqual(['create /buckets/b/collections/c/records/shared']);
    // A reader of the bucket reads everything.
    await call('PATCH', '/buckets/b', { user, body: { permissions: { read: [bob] } } });
    expect(await uris('bob')).toHaveLength(9);
    expect((await call('GET', '/buckets/b/history', { user: 'eve' })).status).toBe(403);
    expect((await call('GET', '/buckets/b/history')).status).toBe(401);
    // History entries are never listed by /permissions.
    const permissions = await call('GET', '/permissions', { user: 'carol' });
    expect(permissions.json.data.map((entry: { uri: string }) => entry.uri)).not.toContainEqual(
      expect.stringContaining('/history'),
    );
    // bob's entry ACEs: the shared record's creation, and the bucket update that made him a reader.
    const ace = await backends.permission.getAccessibleObjects([bob], [['/buckets/b/history/*', 'read']]);
    expect(ace.size).toBe(2);
  });

  it('F-KIN-HIS-02 with explicit_permissions = false no entry ACE is stored', async () => {
    const { call, backends, userId } = await historyApp({ explicit_permissions: false });
    await call('PUT', '/buckets/b', { user: 'alice' });
    expect(await backends.storage.countAll({ resource: 'history', parent: '/buckets/b' }, [])).toBe(1);
    const aces = await backends.permission.getAccessibleObjects([
      await userId('alice'),
      'system.Authenticated',
    ]);
    expect([...aces.keys()].filter((uri) => uri.includes('/history/'))).toEqual([]);
  });
});
