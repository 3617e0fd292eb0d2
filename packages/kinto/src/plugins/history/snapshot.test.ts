import { describe, expect, it } from 'vitest';
import { historyApp } from './testing.ts';

type Versioned = { id: string; last_modified: number; v?: number };

describe('collection snapshot', () => {
  it('F-KIN-HIS-05 the records as they were at a timestamp, newest first', async () => {
    const { call } = await historyApp();
    const user = 'alice';
    const put = async (id: string, v: number) =>
      (await call('PUT', `/buckets/b/collections/c/records/${id}`, { user, body: { data: { v } } })).json
        .data as Versioned;
    await call('PUT', '/buckets/b', { user });
    await call('PUT', '/buckets/b/collections/c', { user });
    await put('gone', 0);
    await call('DELETE', '/buckets/b/collections/c/records/gone', { user });
    const r1 = await put('r1', 1);
    const r2 = await put('r2', 1);
    const r3 = await put('r3', 1);
    const at = r3.last_modified;
    await put('r1', 2);
    await call('DELETE', '/buckets/b/collections/c/records/r2', { user });
    await put('r4', 1);
    await put('gone', 1);

    const snapshot = await call('GET', `/buckets/b/snapshot/collections/c@${at}`, { user });
    expect(snapshot.status).toBe(200);
    expect(snapshot.json.data).toEqual([r3, r2, r1]);
    const before = await call('GET', `/buckets/b/snapshot/collections/c@${r1.last_modified - 1}`, { user });
    expect(before.json.data).toEqual([]);
    const now = await call('GET', `/buckets/b/snapshot/collections/c@${Date.now() + 1000}`, { user });
    const current = await call('GET', '/buckets/b/collections/c/records', { user });
    expect(now.json.data).toEqual(current.json.data);
    expect(now.json.data.map((record: Versioned) => record.id)).toEqual(['gone', 'r4', 'r1', 'r3']);
  });

  it('F-KIN-HIS-05 the timestamp must be a non-negative integer', async () => {
    const { call } = await historyApp();
    await call('PUT', '/buckets/b', { user: 'alice' });
    for (const target of ['c@abc', 'c@-1', 'c@1.5', 'c', 'c@']) {
      const refused = await call('GET', `/buckets/b/snapshot/collections/${target}`, { user: 'alice' });
      expect(refused.status, target).toBe(400);
      expect(refused.json.details[0]).toMatchObject({ location: 'path' });
    }
    expect((await call('GET', '/buckets/b/snapshot/collections/c@0', { user: 'alice' })).json.data).toEqual(
      [],
    );
    expect(
      (await call('POST', '/buckets/b/snapshot/collections/c@0', { user: 'alice', body: {} })).status,
    ).toBe(405);
  });

  it('F-KIN-HIS-05 needs read or write on the bucket or the collection: 403, 401 anonymous', async () => {
    const { call, userId } = await historyApp();
    const bob = await userId('bob');
    await call('PUT', '/buckets/b', { user: 'alice' });
    await call('PUT', '/buckets/b/collections/c', { user: 'alice' });
    await call('PUT', '/buckets/b/collections/c/records/r', { user: 'alice' });
    const path = `/buckets/b/snapshot/collections/c@${Date.now() + 1000}`;
    expect((await call('GET', path, { user: 'bob' })).status).toBe(403);
    const anonymous = await call('GET', path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.errno).toBe(104);
    await call('PATCH', '/buckets/b/collections/c', {
      user: 'alice',
      body: { permissions: { write: [bob] } },
    });
    expect((await call('GET', path, { user: 'bob' })).json.data).toHaveLength(1);
    expect((await call('GET', path.replace('/c@', '/other@'), { user: 'bob' })).status).toBe(403);
    await call('PATCH', '/buckets/b/collections/c', {
      user: 'alice',
      body: { permissions: { read: ['system.Everyone'] } },
    });
    expect((await call('GET', path)).status).toBe(200);
  });
});
