import type KintoClientBase from 'kinto-http/lib/base.js';
import type { AggregateResponse, KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, errorBody, errorStatus, raw, rejection, startServer } from './helpers.ts';

// kinto-http's `main` (dist/kinto-http.node.js) requires `node-fetch`, which it does not depend on:
// its ES build (`lib/`) uses the global fetch of Node 20 instead.

type TaskFields = {
  title?: string;
  n?: number;
  kind?: string;
  done?: boolean;
};
type Task = KintoObject & TaskFields;

let server: RunningServer;
let url: string;
const auth: Record<'alice' | 'bob' | 'carol', string> = { alice: '', bob: '', carol: '' };

beforeAll(async () => {
  server = await startServer();
  url = server.url;
  auth.alice = await createAccount(url, 'alice', 'alice-pw');
  auth.bob = await createAccount(url, 'bob', 'bob-pw');
  auth.carol = await createAccount(url, 'carol', 'carol-pw');
});

afterAll(async () => {
  await server?.close();
});

/** A kinto-http client authenticated as `user` (anonymous without one). */
function client(user?: keyof typeof auth, options: { fetchFunc?: typeof fetch } = {}): KintoClient {
  return new KintoClient(url, {
    ...(user ? { headers: { Authorization: auth[user] } } : {}),
    ...(options.fetchFunc ? { fetchFunc: options.fetchFunc } : {}),
  });
}

/** A fetch that records the URL and method of every request it sends. */
function recordingFetch(): { fetchFunc: typeof fetch; calls: { method: string; url: string }[] } {
  const calls: { method: string; url: string }[] = [];
  const fetchFunc: typeof fetch = (input, init) => {
    calls.push({ method: init?.method ?? 'GET', url: String(input) });
    return fetch(input, init);
  };
  return { fetchFunc, calls };
}

const isBatchResponseList = (value: unknown): value is { status: number; body: unknown }[] =>
  Array.isArray(value);

describe('kinto-http against the Kinto server', () => {
  it('F-UTL-01 fetchServerInfo / fetchUser / fetchHTTPApiVersion describe the server and the account', async () => {
    const alice = client('alice');
    const info = await alice.fetchServerInfo();
    expect(info.project_name).toBe('kinto');
    expect(info.url).toBe(url);
    expect(info.capabilities).toHaveProperty('accounts');
    expect(info.capabilities).toHaveProperty('default_bucket');
    expect(await alice.fetchHTTPApiVersion()).toMatch(/^1\.\d+$/);
    expect((await alice.fetchServerSettings()).batch_max_requests).toBe(25);
    const user = await alice.fetchUser();
    expect(user?.id).toBe('account:alice');
    expect(user?.principals).toEqual(
      expect.arrayContaining(['account:alice', 'system.Authenticated', 'system.Everyone']),
    );
    expect(await client().fetchUser()).toBeUndefined();
    expect(await client('bob').fetchUser()).toMatchObject({ id: 'account:bob' });
  });

  it('F-KIN-ACC-01 createAccount through the client, then a password change takes effect (F-KIN-ACC-04)', async () => {
    const created = await client().createAccount('dave', 'dave-pw');
    expect(created.data).toMatchObject({ id: 'dave' });
    expect(String(Reflect.get(created.data, 'password'))).toMatch(/^\$2[aby]\$/);
    // As Kinto: the anonymous sign-up acts as the account itself, which owns it.
    expect(created.permissions).toEqual({ write: ['account:dave'] });
    const daveAuth = `Basic ${btoa('dave:dave-pw')}`;
    const dave = new KintoClient(url, { headers: { Authorization: daveAuth } });
    expect((await dave.fetchUser())?.id).toBe('account:dave');
    // kinto-http has no password-change API: PATCH the account through `execute` (which does not
    // add the client's headers by itself).
    await dave.execute({
      path: '/accounts/dave',
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: daveAuth },
      body: { data: { password: 'dave-new' } },
    });
    expect(await dave.fetchUser()).toBeUndefined();
    const renewed = new KintoClient(url, { headers: { Authorization: `Basic ${btoa('dave:dave-new')}` } });
    expect((await renewed.fetchUser())?.id).toBe('account:dave');
    // Creating an existing account anonymously is refused.
    expect(errorStatus(await rejection(client().createAccount('dave', 'other')))).toBe(401);
  });

  it('F-KIN-BKT-01 / F-KIN-COL-01 / F-KIN-REC-01 buckets, collections and records CRUD', async () => {
    const alice = client('alice');
    const bucketCreated = await alice.createBucket('crud', { data: { title: 'CRUD' } });
    expect(bucketCreated.data).toMatchObject({ id: 'crud', title: 'CRUD' });
    expect(bucketCreated.permissions.write).toEqual(['account:alice']);
    const bucket = alice.bucket('crud');
    expect(await bucket.getData<{ title: string }>()).toMatchObject({ id: 'crud', title: 'CRUD' });
    await bucket.createCollection('tasks', { data: { color: 'blue' } });
    expect((await bucket.listCollections()).data.map((c) => c.id)).toEqual(['tasks']);
    const tasks = bucket.collection('tasks');
    expect(await tasks.getData<{ color: string }>()).toMatchObject({ id: 'tasks', color: 'blue' });

    const created = await tasks.createRecord<TaskFields>({ title: 'write tests' });
    const id = created.data.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await tasks.getRecord<TaskFields>(id)).data).toMatchObject({ id, title: 'write tests' });

    const replaced = await tasks.updateRecord<TaskFields>({ id, title: 'write more tests' });
    expect(replaced.data.title).toBe('write more tests');
    expect(replaced.data.last_modified).toBeGreaterThan(created.data.last_modified);
    const patched = await tasks.updateRecord<TaskFields>({ id, done: true }, { patch: true });
    expect(patched.data).toMatchObject({ id, title: 'write more tests', done: true });

    const withId = await tasks.createRecord<TaskFields>({ id: 'chosen', title: 'with an id' });
    expect(withId.data.id).toBe('chosen');
    expect((await tasks.listRecords<Task>()).data.map((r) => r.id).sort()).toEqual([id, 'chosen'].sort());

    const deleted = await tasks.deleteRecord(id);
    expect(deleted.data).toMatchObject({ id, deleted: true });
    const missing = await rejection(tasks.getRecord(id));
    expect(errorStatus(missing)).toBe(404);
    expect(errorBody(missing)?.errno).toBe(110);
    expect((await tasks.listRecords<Task>()).data.map((r) => r.id)).toEqual(['chosen']);

    const noCollection = await rejection(bucket.collection('absent').createRecord({ title: 'x' }));
    expect(errorStatus(noCollection)).toBe(404);
    expect(errorBody(noCollection)?.errno).toBe(111);

    expect((await bucket.deleteCollection('tasks')).data).toMatchObject({ id: 'tasks', deleted: true });
    expect(errorStatus(await rejection(tasks.getRecord('chosen')))).toBe(404);
    expect((await alice.deleteBucket('crud')).data).toMatchObject({ id: 'crud', deleted: true });
    expect(errorStatus(await rejection(bucket.getData()))).toBe(403);
  });

  it('F-PAG-02 kinto-http listRecords pages: Infinity walks Next-Page over more than 2 pages; filters and sort (F-FLT-02..04, F-SORT-01)', async () => {
    const alice = client('alice');
    await alice.createBucket('paging');
    await alice.bucket('paging').createCollection('numbers');
    const numbers = alice.bucket('paging').collection('numbers');
    await numbers.batch((batch) => {
      for (let n = 1; n <= 7; n++) batch.createRecord({ id: `n${n}`, n, kind: n % 2 === 0 ? 'even' : 'odd' });
    });

    const recording = recordingFetch();
    const paged = new KintoClient(url, {
      headers: { Authorization: auth.alice },
      fetchFunc: recording.fetchFunc,
    })
      .bucket('paging')
      .collection('numbers');

    const firstPage = await paged.listRecords<Task>({ limit: 2, sort: 'n' });
    expect(firstPage.data.map((r) => r.n)).toEqual([1, 2]);
    expect(firstPage.hasNextPage).toBe(true);
    const secondPage = await firstPage.next();
    expect(secondPage.data.map((r) => r.n)).toEqual([3, 4]);

    recording.calls.length = 0;
    const all = await paged.listRecords<Task>({ limit: 2, sort: 'n', pages: Number.POSITIVE_INFINITY });
    expect(all.data.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(all.hasNextPage).toBe(false);
    const listCalls = recording.calls.filter((c) => c.url.includes('/records'));
    expect(listCalls).toHaveLength(4);
    expect(listCalls.slice(1).every((c) => c.url.includes('_token='))).toBe(true);

    const twoPages = await paged.listRecords<Task>({ limit: 3, sort: '-n', pages: 2 });
    expect(twoPages.data.map((r) => r.n)).toEqual([7, 6, 5, 4, 3, 2]);
    expect(twoPages.hasNextPage).toBe(true);
    // next() keeps accumulating on top of the pages already fetched.
    expect((await twoPages.next()).data.map((r) => r.n)).toEqual([7, 6, 5, 4, 3, 2, 1]);

    const evens = await numbers.listRecords<Task>({ filters: { kind: 'even' }, sort: '-n' });
    expect(evens.data.map((r) => r.n)).toEqual([6, 4, 2]);
    const atLeastFive = await numbers.listRecords<Task>({ filters: { min_n: 5 }, sort: 'n' });
    expect(atLeastFive.data.map((r) => r.n)).toEqual([5, 6, 7]);
    const some = await numbers.listRecords<Task>({ filters: { in_n: '1,3,9', not_kind: 'even' }, sort: 'n' });
    expect(some.data.map((r) => r.id)).toEqual(['n1', 'n3']);
    const sorted = await numbers.listRecords<Task>({
      sort: 'kind,-n',
      limit: 3,
      pages: Number.POSITIVE_INFINITY,
    });
    expect(sorted.data.map((r) => r.n)).toEqual([6, 4, 2, 7, 5, 3, 1]);
    const fields = await numbers.listRecords<Task>({ fields: ['kind'], filters: { n: 1 } });
    expect(fields.data).toEqual([{ id: 'n1', last_modified: expect.any(Number), kind: 'odd' }]);

    const since = all.last_modified;
    // kinto-http strips the ETag's quotes.
    expect(since).toMatch(/^\d+$/);
    await numbers.updateRecord<TaskFields>({ id: 'n3', n: 3, kind: 'prime' });
    const changed = await numbers.listRecords<Task>({ since: since ?? undefined });
    expect(changed.data.map((r) => r.id)).toEqual(['n3']);
  });

  it('F-TS-05 safe: true conflict: a stale last_modified makes the client raise a 412 (errno 114) with details.existing', async () => {
    const alice = client('alice');
    await alice.createBucket('safety');
    await alice.bucket('safety').createCollection('docs');
    const docs = alice.bucket('safety').collection('docs');
    const first = await docs.createRecord<TaskFields>({ id: 'doc', title: 'v1' });
    const second = await docs.updateRecord<TaskFields>(
      { id: 'doc', title: 'v2' },
      { safe: true, last_modified: first.data.last_modified },
    );
    expect(second.data.title).toBe('v2');

    const stale = await rejection(
      docs.updateRecord<TaskFields>({ ...first.data, title: 'stale' }, { safe: true }),
    );
    expect(errorStatus(stale)).toBe(412);
    const body = errorBody(stale);
    expect(body?.errno).toBe(114);
    expect(body?.details).toMatchObject({
      existing: { id: 'doc', title: 'v2', last_modified: second.data.last_modified },
    });
    expect((await docs.getRecord<TaskFields>('doc')).data.title).toBe('v2');

    const staleDelete = await rejection(
      docs.deleteRecord('doc', { safe: true, last_modified: first.data.last_modified }),
    );
    expect(errorStatus(staleDelete)).toBe(412);
    expect((await docs.getRecord<TaskFields>('doc')).data.title).toBe('v2');

    // safe creation of an existing id sends If-None-Match: *.
    expect(
      errorStatus(await rejection(docs.createRecord({ id: 'doc', title: 'again' }, { safe: true }))),
    ).toBe(412);
    // Without safe the last write wins.
    expect((await docs.updateRecord<TaskFields>({ ...first.data, title: 'forced' })).data.title).toBe(
      'forced',
    );
    const deleted = await docs.deleteRecord('doc', {
      safe: true,
      last_modified: (await docs.getRecord<TaskFields>('doc')).data.last_modified,
    });
    expect(deleted.data.deleted).toBe(true);
  });

  it('F-PERM-07 setPermissions / addPermissions / removePermissions on a collection: a second account reads, a third is refused (F-PERM-05 shared listing)', async () => {
    const alice = client('alice');
    await alice.createBucket('sharing');
    await alice.bucket('sharing').createCollection('notes');
    const notes = alice.bucket('sharing').collection('notes');
    await notes.createRecord({ id: 'hello', title: 'from alice' });
    const asBob = client('bob').bucket('sharing').collection('notes');
    const asCarol = client('carol').bucket('sharing').collection('notes');

    expect(errorStatus(await rejection(asBob.listRecords()))).toBe(403);
    expect(errorBody(await rejection(asBob.getRecord('hello')))?.errno).toBe(121);

    const set = await notes.setPermissions({ read: ['account:bob'] });
    expect(set.permissions.read).toEqual(['account:bob']);
    expect(set.permissions.write).toEqual(['account:alice']);
    expect((await asBob.listRecords<Task>()).data.map((r) => r.title)).toEqual(['from alice']);
    expect((await asBob.getRecord<TaskFields>('hello')).data.title).toBe('from alice');
    expect(errorStatus(await rejection(asCarol.listRecords()))).toBe(403);
    expect(errorStatus(await rejection(asBob.createRecord({ title: 'from bob' })))).toBe(403);

    // As Kinto, JSON-Patch implies principals for read and write only: kinto-http's addPermissions
    // on a create permission nobody holds yet is a 400; setPermissions grants it.
    expect(errorStatus(await rejection(notes.addPermissions({ 'record:create': ['account:bob'] })))).toBe(
      400,
    );
    await notes.setPermissions({ read: ['account:bob'], 'record:create': ['account:bob'] });
    expect(await notes.getPermissions()).toMatchObject({
      read: ['account:bob'],
      'record:create': ['account:bob'],
    });
    const bobs = await asBob.createRecord<TaskFields>({ id: 'bobs', title: 'from bob' });
    expect(bobs.permissions.write).toEqual(['account:bob']);
    expect((await notes.listRecords()).data.map((r) => r.id).sort()).toEqual(['bobs', 'hello']);

    await notes.removePermissions({ read: ['account:bob'] });
    // Bob can still create records, so he lists the ones he may read: his own.
    expect((await asBob.listRecords()).data.map((r) => r.id)).toEqual(['bobs']);
    expect(errorStatus(await rejection(asBob.getRecord('hello')))).toBe(403);
    expect(errorStatus(await rejection(asCarol.listRecords()))).toBe(403);
    // Bob cannot change the collection's permissions.
    expect(errorStatus(await rejection(asBob.setPermissions({ read: ['system.Everyone'] })))).toBe(403);
  });

  it('F-KIN-GRP-02 createGroup with members: a member reads through the group principal; updating members grants/revokes', async () => {
    const alice = client('alice');
    await alice.createBucket('team');
    const team = alice.bucket('team');
    const group = await team.createGroup('editors', ['account:bob']);
    expect(group.data).toMatchObject({ id: 'editors', members: ['account:bob'] });
    await team.createCollection('docs', { permissions: { read: ['/buckets/team/groups/editors'] } });
    await team.collection('docs').createRecord({ id: 'plan', title: 'the plan' });

    const bob = client('bob');
    expect((await bob.fetchUser())?.principals).toContain('/buckets/team/groups/editors');
    expect((await bob.bucket('team').collection('docs').getRecord<TaskFields>('plan')).data.title).toBe(
      'the plan',
    );
    const carolDocs = client('carol').bucket('team').collection('docs');
    expect(errorStatus(await rejection(carolDocs.getRecord('plan')))).toBe(403);

    const updated = await team.updateGroup({ id: 'editors', members: ['account:bob', 'account:carol'] });
    expect(updated.data.members).toEqual(['account:bob', 'account:carol']);
    expect((await carolDocs.getRecord<TaskFields>('plan')).data.title).toBe('the plan');
    expect((await team.getGroup('editors')).data.members).toEqual(['account:bob', 'account:carol']);
    expect((await team.listGroups()).data.map((g) => g.id)).toEqual(['editors']);

    await team.deleteGroup('editors');
    expect((await bob.fetchUser())?.principals).not.toContain('/buckets/team/groups/editors');
    expect(errorStatus(await rejection(bob.bucket('team').collection('docs').getRecord('plan')))).toBe(403);
  });

  it('F-BATCH-03 batch(): several operations, a failing one does not break the others', async () => {
    const alice = client('alice');
    const responses = await alice.batch((batch: KintoClientBase) => {
      batch.createBucket('in-bulk');
      batch.bucket('in-bulk').createCollection('items');
      batch.bucket('in-bulk').collection('items').createRecord({ id: 'one', title: 'one' });
      batch.bucket('in-bulk').collection('missing').createRecord({ id: 'lost', title: 'lost' });
      batch.bucket('in-bulk').collection('items').createRecord({ id: 'two', title: 'two' });
    });
    if (!isBatchResponseList(responses)) throw new Error('expected a list of responses');
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 404, 201]);
    expect(responses[3]?.body).toMatchObject({ errno: 111 });
    const items = alice.bucket('in-bulk').collection('items');
    expect((await items.listRecords<Task>({ sort: 'id' })).data.map((r) => r.id)).toEqual(['one', 'two']);

    // More operations than batch_max_requests (25): the client splits them in several batches.
    const many = await items.batch((batch) => {
      for (let i = 0; i < 30; i++) batch.createRecord({ id: `bulk${i}`, i });
    });
    if (!isBatchResponseList(many)) throw new Error('expected a list of responses');
    expect(many).toHaveLength(30);
    expect(many.every((r) => r.status === 201)).toBe(true);
    expect((await items.listRecords({ pages: Number.POSITIVE_INFINITY })).data).toHaveLength(32);
  });

  it('F-BATCH-01 like Kinto, a batch whose subrequest path merely contains "/batch" is refused as recursive', async () => {
    // Kinto checks `"/batch" in path` (kinto/core/views/batch.py), so a bucket named "batched"
    // cannot be written through batch; the client surfaces the 400.
    const alice = client('alice');
    await alice.createBucket('batched');
    const refused = await rejection(
      alice.batch((batch: KintoClientBase) => {
        batch.bucket('batched').createCollection('c');
      }),
    );
    expect(errorStatus(refused)).toBe(400);
    expect(errorBody(refused)?.message).toContain('Recursive call on /batch endpoint is forbidden.');
    expect((await alice.bucket('batched').listCollections()).data).toEqual([]);
  });

  it('F-BATCH-03 batch({ aggregate: true, safe: true }): published, conflicts (412), skipped (404) and errors', async () => {
    const alice = client('alice');
    await alice.createBucket('aggregated');
    await alice.bucket('aggregated').createCollection('items');
    const items = alice.bucket('aggregated').collection('items');
    await items.createRecord({ id: 'taken', title: 'server' });

    const result: AggregateResponse | unknown = await items.batch(
      (batch) => {
        batch.createRecord({ id: 'fresh', title: 'new' });
        batch.createRecord({ id: 'taken', title: 'local' });
        batch.deleteRecord({ id: 'absent', last_modified: 1 });
        batch.createRecord({ id: 'bad id!', title: 'invalid' });
      },
      { aggregate: true, safe: true },
    );
    if (typeof result !== 'object' || result === null || Array.isArray(result))
      throw new Error('no aggregate');
    const aggregate = result as AggregateResponse;
    expect(aggregate.published.map((body) => Reflect.get(Object(body.data), 'id'))).toEqual(['fresh']);
    expect(aggregate.conflicts).toHaveLength(1);
    expect(aggregate.conflicts[0]).toMatchObject({
      type: 'outgoing',
      remote: { id: 'taken', title: 'server' },
    });
    expect(aggregate.skipped).toEqual([expect.objectContaining({ id: 'absent' })]);
    expect(aggregate.errors).toHaveLength(1);
    expect(aggregate.errors[0]?.error).toMatchObject({ code: 400, errno: 107 });
    expect((await items.listRecords<Task>({ sort: 'id' })).data.map((r) => [r.id, r.title])).toEqual([
      ['fresh', 'new'],
      ['taken', 'server'],
    ]);
  });

  it('F-PERM-05 listBuckets: a user only sees the buckets they may read', async () => {
    const bob = client('bob');
    const carol = client('carol');
    await bob.createBucket('bob-private');
    await bob.createBucket('bob-public', { permissions: { read: ['account:carol'] } });
    await carol.createBucket('carol-own');
    const bobSees = (await bob.listBuckets()).data.map((b) => b.id).sort();
    expect(bobSees).toEqual(['bob-private', 'bob-public']);
    const carolSees = (await carol.listBuckets()).data.map((b) => b.id).sort();
    expect(carolSees).toEqual(['bob-public', 'carol-own']);
    expect(errorStatus(await rejection(client().listBuckets()))).toBe(401);
    expect(errorStatus(await rejection(client().createBucket('anonymous')))).toBe(401);
  });

  it('F-KIN-DEF-01 / F-KIN-DEF-02 the default bucket: implicit creation, personal bucket id from the hello view', async () => {
    const carol = client('carol');
    const user = await carol.fetchUser();
    const personal = Reflect.get(Object(user), 'bucket');
    expect(personal).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const todo = carol.bucket('default').collection('todo');
    const created = await todo.createRecord<TaskFields>({ title: 'buy milk' });
    expect(created.data.title).toBe('buy milk');
    expect((await todo.listRecords<Task>()).data.map((r) => r.title)).toEqual(['buy milk']);
    // The same records through the real bucket id.
    const real = carol.bucket(String(personal)).collection('todo');
    expect((await real.getRecord<TaskFields>(created.data.id)).data.title).toBe('buy milk');
    expect((await carol.bucket('default').getData<{ id: string }>()).id).toBe(personal);
    // Another account's default bucket is a different one.
    const bobTodo = client('bob').bucket('default').collection('todo');
    expect((await bobTodo.listRecords()).data).toEqual([]);
    // Anonymous users have no default bucket.
    const anonymous = await raw(url, 'GET', '/buckets/default/collections/todo/records');
    expect(anonymous.status).toBe(401);
  });

  it('F-KIN-DEF-02 batch() on the default bucket of a new account creates bucket and collection implicitly, once', async () => {
    const frank = new KintoClient(url, {
      headers: { Authorization: await createAccount(url, 'frank', 'f') },
    });
    const responses = await frank.batch((batch: KintoClientBase) => {
      const inbox = batch.bucket('default').collection('inbox');
      inbox.createRecord({ id: 'a', title: 'first' });
      inbox.createRecord({ id: 'b', title: 'second' });
      batch.bucket('default').collection('outbox').createRecord({ id: 'c', title: 'third' });
    });
    if (!isBatchResponseList(responses)) throw new Error('expected a list of responses');
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const inbox = frank.bucket('default').collection('inbox');
    expect((await inbox.listRecords<Task>({ sort: 'id' })).data.map((r) => r.title)).toEqual([
      'first',
      'second',
    ]);
    expect((await frank.bucket('default').listCollections()).data.map((c) => c.id).sort()).toEqual([
      'inbox',
      'outbox',
    ]);
  });

  it('F-PERM-05 record-level permissions: a reader of one record lists only that record', async () => {
    const alice = client('alice');
    await alice.createBucket('records-acl');
    await alice.bucket('records-acl').createCollection('mixed');
    const mixed = alice.bucket('records-acl').collection('mixed');
    await mixed.createRecord({ id: 'secret', title: 'for alice' });
    await mixed.createRecord({ id: 'shared', title: 'for bob' }, { permissions: { read: ['account:bob'] } });
    const asBob = client('bob').bucket('records-acl').collection('mixed');
    expect((await asBob.getRecord<TaskFields>('shared')).data.title).toBe('for bob');
    expect(errorStatus(await rejection(asBob.getRecord('secret')))).toBe(403);
    expect((await asBob.listRecords()).data.map((r) => r.id)).toEqual(['shared']);
    expect(errorStatus(await rejection(asBob.updateRecord({ id: 'shared', title: 'hijacked' })))).toBe(403);
    const asCarol = client('carol').bucket('records-acl').collection('mixed');
    expect(errorStatus(await rejection(asCarol.listRecords()))).toBe(403);
  });

  it('F-ID-01 / F-MTH-03 createBucket(null) / createCollection() / createGroup() get server-generated ids', async () => {
    const bob = client('bob');
    const bucket = await bob.createBucket(null);
    expect(bucket.data.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/);
    const named = bob.bucket(bucket.data.id);
    const collection = await named.createCollection();
    expect(collection.data.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/);
    const group = await named.createGroup(undefined, ['account:carol']);
    expect(group.data.members).toEqual(['account:carol']);
    expect((await named.listCollections()).data.map((c) => c.id)).toEqual([collection.data.id]);
    expect((await named.listGroups()).data.map((g) => g.id)).toEqual([group.data.id]);

    const before = await named.getCollectionsTimestamp();
    await named.createCollection('later');
    const after = await named.getCollectionsTimestamp();
    expect(Number(after?.replaceAll('"', ''))).toBeGreaterThan(Number(before?.replaceAll('"', '')));
    const since = await named.listCollections({ since: String(before).replaceAll('"', '') });
    expect(since.data.map((c) => c.id)).toEqual(['later']);
  });
});
