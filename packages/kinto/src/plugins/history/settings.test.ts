import { describe, expect, it } from 'vitest';
import { historyApp } from './testing.ts';

type Entry = { uri: string; resource_name: string; user_id: string; target: { data: { id: string } } };

const entries = async (call: Awaited<ReturnType<typeof historyApp>>['call'], query = '') =>
  (await call('GET', `/buckets/b/history${query}`, { user: 'alice' })).json.data as Entry[];

describe('history settings', () => {
  it('F-KIN-HIS-03 the capability shows trimming and exclusions only when set', async () => {
    const plain = await historyApp();
    expect((await plain.call('GET', '/')).json.capabilities.history).toEqual({
      description: 'Track changes on data.',
      url: 'http://kinto.readthedocs.io/en/latest/api/1.x/history.html',
    });
    const configured = await historyApp({
      'history.auto_trim_max_count': '10',
      'history.auto_trim_user_ids': 'account:a basicauth:b',
      'history.exclude_resources':
        '/buckets/x /buckets/b/collections/c /buckets/b/groups/g /buckets/b/collections/c/records/r',
    });
    expect((await configured.call('GET', '/')).json.capabilities.history).toMatchObject({
      auto_trim_max_count: 10,
      auto_trim_user_ids: ['account:a', 'basicauth:b'],
      excluded_resources: [
        { bucket: 'x' },
        { bucket: 'b', collection: 'c' },
        { bucket: 'b', group: 'g' },
        { bucket: 'b', collection: 'c', record: 'r' },
      ],
    });
    await expect(historyApp({ 'history.auto_trim_max_count': 'lots' })).rejects.toThrow(
      /history.auto_trim_max_count/,
    );
  });

  it('F-KIN-HIS-03 excluded users and resources leave no entry', async () => {
    const { call, userId } = await historyApp({
      'history.exclude_user_ids': await (await historyApp()).userId('robot'),
      'history.exclude_resources':
        '/buckets/quiet /buckets/b/collections/secret /buckets/b/collections/c/records/r1',
    });
    const bob = await userId('bob');
    await call('PUT', '/buckets/b', {
      user: 'alice',
      body: { permissions: { write: [bob, await userId('robot')] } },
    });
    await call('PUT', '/buckets/quiet', { user: 'alice' });
    await call('PUT', '/buckets/quiet/collections/c', { user: 'alice' });
    for (const collection of ['c', 'secret']) {
      await call('PUT', `/buckets/b/collections/${collection}`, { user: 'alice' });
      await call('PUT', `/buckets/b/collections/${collection}/records/r1`, { user: 'alice' });
      await call('PUT', `/buckets/b/collections/${collection}/records/r2`, { user: 'alice' });
    }
    await call('PUT', '/buckets/b/collections/c/records/by-robot', { user: 'robot' });
    await call('PUT', '/buckets/b/collections/c/records/by-bob', { user: 'bob' });
    expect((await entries(call)).map((entry) => entry.uri)).toEqual([
      '/buckets/b/collections/c/records/by-bob',
      '/buckets/b/collections/c/records/r2',
      '/buckets/b/collections/c',
      '/buckets/b',
    ]);
    const quiet = await call('GET', '/buckets/quiet/history', { user: 'alice' });
    expect([quiet.status, quiet.json.data]).toEqual([200, []]);
  });

  it('F-KIN-HIS-03 auto-trim keeps the newest entries of the resource once past max + threshold', async () => {
    const { call, backends, userId } = await historyApp({
      'history.auto_trim_max_count': 2,
      'history.auto_trim_threshold': 1,
    });
    await call('PUT', '/buckets/b', { user: 'alice' });
    await call('PUT', '/buckets/b/collections/c', { user: 'alice' });
    const records = async () => (await entries(call, '?resource_name=record')).map((e) => e.target.data.id);
    for (const id of ['r1', 'r2', 'r3'])
      await call('PUT', `/buckets/b/collections/c/records/${id}`, { user: 'alice' });
    expect(await records()).toEqual(['r3', 'r2', 'r1']); // 3 = max + threshold: not yet
    await call('PUT', '/buckets/b/collections/c/records/r4', { user: 'alice' });
    expect(await records()).toEqual(['r4', 'r3']);
    // Other resources are counted apart.
    expect((await entries(call)).map((entry) => entry.resource_name)).toEqual([
      'record',
      'record',
      'collection',
      'bucket',
    ]);
    // The trimmed entries' ACEs went with them, without tombstones.
    const aces = await backends.permission.getAccessibleObjects(
      [await userId('alice')],
      [['/buckets/b/history/*', 'read']],
    );
    expect(aces.size).toBe(4);
    expect((await call('GET', '/buckets/b/history?_since=0', { user: 'alice' })).json.data).toHaveLength(4);
  });

  it('F-KIN-HIS-03 auto_trim_user_ids trims only those users, counting per user', async () => {
    const first = await historyApp();
    const [alice, bob] = [await first.userId('alice'), await first.userId('bob')];
    const { call } = await historyApp({
      'history.auto_trim_max_count': 1,
      'history.auto_trim_threshold': 0,
      'history.auto_trim_user_ids': alice,
    });
    await call('PUT', '/buckets/b', { user: 'alice', body: { permissions: { write: [bob] } } });
    await call('PUT', '/buckets/b/collections/c', { user: 'alice' });
    for (const user of ['alice', 'bob', 'alice', 'bob', 'alice']) {
      await call('POST', '/buckets/b/collections/c/records', { user, body: { data: {} } });
    }
    const records = await entries(call, '?resource_name=record');
    expect(records.map((entry) => entry.user_id)).toEqual([alice, bob, bob]);
  });
});
