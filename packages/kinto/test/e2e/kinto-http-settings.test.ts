import type { KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { basic, createAccount, errorBody, errorStatus, rejection, startServer } from './helpers.ts';

// A server with basicauth after accounts, server-side pagination, the /permissions endpoint and
// JSON-schema validation of records, driven with kinto-http.

type Item = KintoObject & { n?: number; kind?: string; title?: string };

let server: RunningServer;
let url: string;

beforeAll(async () => {
  server = await startServer({
    'multiauth.policies': 'account basicauth',
    paginate_by: 3,
    experimental_permissions_endpoint: true,
    experimental_collection_schema_validation: true,
  });
  url = server.url;
});

afterAll(async () => {
  await server?.close();
});

const client = (authorization?: string): KintoClient =>
  new KintoClient(url, authorization ? { headers: { Authorization: authorization } } : {});

describe('kinto-http against Kinto with basicauth, paginate_by, /permissions and schemas', () => {
  it('F-AUTH-01 / F-AUTH-04 basicauth users after accounts: any credentials, stable ids; accounts still win', async () => {
    const hello = await client().fetchServerInfo();
    expect(Object.keys(hello.capabilities).sort()).toEqual(
      ['accounts', 'basicauth', 'default_bucket', 'permissions_endpoint', 'schema'].sort(),
    );
    const token = basic('token', 's3cret');
    const user = await client(token).fetchUser();
    expect(user?.id).toMatch(/^basicauth:[0-9a-f]{64}$/);
    expect((await client(token).fetchUser())?.id).toBe(user?.id);
    expect((await client(basic('token', 'other')).fetchUser())?.id).not.toBe(user?.id);

    const account = await createAccount(url, 'erin', 'erin-pw');
    expect((await client(account).fetchUser())?.id).toBe('account:erin');
    // A wrong account password is not an account login: the basicauth policy takes it.
    expect((await client(basic('erin', 'wrong')).fetchUser())?.id).toMatch(/^basicauth:/);
  });

  it('F-PAG-01 paginate_by: listRecords returns server-sized pages; pages: Infinity follows them; HEAD totals (F-CNT-01)', async () => {
    const alice = client(basic('alice', 'pw'));
    await alice.createBucket('paged');
    await alice.bucket('paged').createCollection('items');
    const items = alice.bucket('paged').collection('items');
    await items.batch((batch) => {
      for (let n = 1; n <= 8; n++) batch.createRecord({ id: `i${n}`, n, kind: n % 2 ? 'odd' : 'even' });
    });

    const first = await items.listRecords<Item>({ sort: 'n' });
    expect(first.data.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(first.hasNextPage).toBe(true);
    const all = await items.listRecords<Item>({ sort: 'n', pages: Number.POSITIVE_INFINITY });
    expect(all.data.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.hasNextPage).toBe(false);
    // A client limit above paginate_by is capped.
    expect((await items.listRecords<Item>({ limit: 5 })).data).toHaveLength(3);

    expect(await items.getTotalRecords()).toBe(8);
    const timestamp = await items.getRecordsTimestamp();
    expect(timestamp).toBe(`"${all.last_modified}"`);
    expect(await alice.bucket('paged').getCollectionsTimestamp()).toMatch(/^"\d+"$/);
  });

  it('F-MTH-04 / F-PAG-03 deleteRecords with filters, page by page; DELETE Next-Page tokens are single use', async () => {
    const alice = client(basic('alice', 'pw'));
    await alice.createBucket('purge');
    await alice.bucket('purge').createCollection('items');
    const items = alice.bucket('purge').collection('items');
    await items.batch((batch) => {
      for (let n = 1; n <= 10; n++) batch.createRecord({ id: `p${n}`, n, kind: n % 2 ? 'odd' : 'even' });
    });
    // kinto-http 5.3 follows a DELETE's Next-Page with GET requests (`pages` > 1 lists the rest
    // without deleting it), so delete one server page per call.
    const firstPage = await items.deleteRecords<Item>({ filters: { kind: 'odd' } });
    expect(firstPage.data.map((r) => r.id)).toEqual(['p9', 'p7', 'p5']);
    expect(firstPage.data.every((r) => Reflect.get(r, 'deleted') === true)).toBe(true);
    expect(firstPage.hasNextPage).toBe(true);
    const secondPage = await items.deleteRecords<Item>({ filters: { kind: 'odd' } });
    expect(secondPage.data.map((r) => r.id)).toEqual(['p3', 'p1']);
    expect(secondPage.hasNextPage).toBe(false);
    const left = await items.listRecords<Item>({ sort: 'n', pages: Number.POSITIVE_INFINITY });
    expect(left.data.map((r) => r.n)).toEqual([2, 4, 6, 8, 10]);

    // The Next-Page of a DELETE, followed with DELETE, deletes the rest once.
    const authorization = basic('alice', 'pw');
    const first = await fetch(`${url}buckets/purge/collections/items/records`, {
      method: 'DELETE',
      headers: { Authorization: authorization },
    });
    expect(first.status).toBe(200);
    const nextPage = first.headers.get('Next-Page');
    expect(nextPage).toContain('_token=');
    const again = await fetch(String(nextPage), {
      method: 'DELETE',
      headers: { Authorization: authorization },
    });
    expect(again.status).toBe(200);
    expect((await items.listRecords()).data).toEqual([]);
    const reused = await fetch(String(nextPage), {
      method: 'DELETE',
      headers: { Authorization: authorization },
    });
    expect(reused.status).toBe(400);
  });

  it('F-PERM-08 listPermissions lists what the user may do, with inherited permissions', async () => {
    const bob = client(basic('bob', 'pw'));
    const bobId = (await bob.fetchUser())?.id;
    await bob.createBucket('bobs');
    await bob.bucket('bobs').createCollection('things');
    const carol = client(basic('carol', 'pw'));
    const carolId = String((await carol.fetchUser())?.id);
    await bob
      .bucket('bobs')
      .collection('things')
      .setPermissions({ read: [carolId] });

    const mine = await bob.listPermissions({ pages: Number.POSITIVE_INFINITY });
    const bucketEntry = mine.data.find((e) => e.resource_name === 'bucket' && e.id === 'bobs');
    expect(bucketEntry?.permissions).toEqual(expect.arrayContaining(['write', 'read', 'collection:create']));
    const collectionEntry = mine.data.find((e) => e.resource_name === 'collection' && e.id === 'things');
    expect(collectionEntry).toMatchObject({ bucket_id: 'bobs', uri: '/buckets/bobs/collections/things' });
    expect(collectionEntry?.permissions).toEqual(expect.arrayContaining(['write', 'read', 'record:create']));
    expect(bobId).toMatch(/^basicauth:/);

    const theirs = await carol.listPermissions({ pages: Number.POSITIVE_INFINITY });
    const visible = theirs.data.filter((e) => e.uri.startsWith('/buckets/bobs'));
    expect(visible.map((e) => [e.uri, [...e.permissions].sort()])).toEqual([
      // read implies read:attributes on the same object (perm §4 expansion).
      ['/buckets/bobs/collections/things', ['read', 'read:attributes']],
    ]);
  });

  it('F-KIN-SCH-01 a collection schema: invalid records are refused with 400 errno 107 through the client', async () => {
    const dave = client(basic('dave', 'pw'));
    await dave.createBucket('schemas');
    await dave.bucket('schemas').createCollection('books', {
      data: {
        schema: {
          type: 'object',
          properties: { title: { type: 'string' } },
          required: ['title'],
        },
      },
    });
    const books = dave.bucket('schemas').collection('books');
    const ok = await books.createRecord({ title: 'Dune' });
    expect(ok.data).toMatchObject({ title: 'Dune', schema: expect.any(Number) });
    const refused = await rejection(books.createRecord({ author: 'nobody' }));
    expect(errorStatus(refused)).toBe(400);
    expect(errorBody(refused)?.errno).toBe(107);
    const wrongType = await rejection(books.updateRecord({ id: ok.data.id, title: 42 }));
    expect(errorStatus(wrongType)).toBe(400);
    expect((await books.listRecords<Item>()).data.map((r) => r.title)).toEqual(['Dune']);
  });

  it('F-PERM-02 bucket setData / setPermissions: read for everyone is inherited by collections and records', async () => {
    const erin = client(basic('erin-basic', 'pw'));
    await erin.createBucket('public', { data: { title: 'Public' } });
    const bucket = erin.bucket('public');
    await bucket.createCollection('news');
    await bucket.collection('news').createRecord({ id: 'n1', title: 'hello world' });
    const anonymous = client();
    expect(errorStatus(await rejection(anonymous.bucket('public').collection('news').listRecords()))).toBe(
      401,
    );

    const patched = await bucket.setData({ description: 'for all' }, { patch: true });
    expect(patched.data).toMatchObject({ id: 'public', title: 'Public', description: 'for all' });
    await bucket.setPermissions({ read: ['system.Everyone'] });
    expect(await bucket.getPermissions()).toMatchObject({ read: ['system.Everyone'] });

    const news = anonymous.bucket('public').collection('news');
    expect((await news.listRecords<Item>()).data.map((r) => r.title)).toEqual(['hello world']);
    expect((await anonymous.bucket('public').listCollections()).data.map((c) => c.id)).toEqual(['news']);
    expect(errorStatus(await rejection(news.createRecord({ title: 'spam' })))).toBe(401);
    expect(errorStatus(await rejection(client(basic('x', 'y')).bucket('public').setData({})))).toBe(403);

    // safe creation of an existing bucket is a conflict.
    expect(errorStatus(await rejection(erin.createBucket('public', { safe: true })))).toBe(412);
  });
});
