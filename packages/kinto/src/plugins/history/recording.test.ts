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
});
