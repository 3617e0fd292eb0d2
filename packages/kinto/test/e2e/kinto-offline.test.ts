import 'fake-indexeddb/auto';
import type { Collection, RecordStatus } from 'kinto';
import Kinto from 'kinto';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, errorStatus, raw, rejection, startServer } from './helpers.ts';

// kinto.js (the offline-first client) keeps records in IndexedDB (here fake-indexeddb) and syncs
// them with `GET …/records?_since=` and `POST /batch`.

type Note = { id: string; title?: string; n?: number; last_modified?: number; _status?: RecordStatus };

let server: RunningServer;
let url: string;
let auth: string;
let http: KintoClient;
let databases = 0;

const BUCKET = 'offline';

beforeAll(async () => {
  server = await startServer();
  url = server.url;
  auth = await createAccount(url, 'alice', 'alice-pw');
  http = new KintoClient(url, { headers: { Authorization: auth } });
  await http.createBucket(BUCKET);
});

afterAll(async () => {
  await server?.close();
});

interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/**
 * A kinto.js instance on its own IndexedDB database. kinto.js binds `globalThis.fetch` when it
 * builds its HTTP client, so a recording fetch is swapped in just for that moment.
 */
function offline(options: { bucket?: string } = {}): { kinto: Kinto<Note>; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const original = globalThis.fetch;
  const recording: typeof fetch = async (input, init) => {
    const response = await original(input, init);
    const text = await response.clone().text();
    exchanges.push({
      method: init?.method ?? 'GET',
      url: String(input),
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    });
    return response;
  };
  globalThis.fetch = recording;
  try {
    databases += 1;
    const kinto = new Kinto<Note>({
      remote: url,
      bucket: options.bucket ?? BUCKET,
      headers: { Authorization: auth },
      adapterOptions: { dbName: `e2e-${databases}` },
    });
    void kinto.api; // built now, with the recording fetch
    return { kinto, exchanges };
  } finally {
    globalThis.fetch = original;
  }
}

/** A fresh server collection and a kinto.js collection bound to it. */
async function setUp(name: string): Promise<{
  local: Collection<Note>;
  remote: ReturnType<ReturnType<KintoClient['bucket']>['collection']>;
  exchanges: Exchange[];
}> {
  await http.bucket(BUCKET).createCollection(name);
  const { kinto, exchanges } = offline();
  return { local: kinto.collection(name), remote: http.bucket(BUCKET).collection(name), exchanges };
}

const idsOf = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();

/** The records listed by the `GET …/records` requests among `exchanges`. */
function pulled(exchanges: readonly Exchange[]): { url: string; ids: string[] }[] {
  return exchanges
    .filter((e) => e.method === 'GET' && new URL(e.url).pathname.endsWith('/records'))
    .map((e) => {
      const data = typeof e.body === 'object' && e.body !== null ? Reflect.get(e.body, 'data') : undefined;
      const ids = Array.isArray(data) ? data.map((r: unknown) => String(Reflect.get(Object(r), 'id'))) : [];
      return { url: e.url, ids };
    });
}

describe('kinto.js (offline-first client) against the Kinto server', () => {
  it('F-SYNC-01 kinto.js sync pushes local creations: the records are on the server', async () => {
    const { local, remote } = await setUp('push');
    const first = await local.create({ title: 'first' });
    const second = await local.create({ title: 'second' });
    expect(first.data._status).toBe('created');

    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(idsOf(result.published)).toEqual(idsOf([first.data, second.data]));

    const onServer = await remote.listRecords<{ id: string; last_modified: number; title?: string }>();
    expect(onServer.data.map((r) => [r.id, r.title]).sort()).toEqual(
      [
        [first.data.id, 'first'],
        [second.data.id, 'second'],
      ].sort(),
    );
    const synced = await local.get(first.data.id);
    expect(synced.data._status).toBe('synced');
    expect(synced.data.last_modified).toBe(onServer.data.find((r) => r.id === first.data.id)?.last_modified);
    expect(local.lastModified).toBe(Number(onServer.last_modified));
  });

  it('F-SYNC-01 kinto.js sync pulls server creations and updates into the local database', async () => {
    const { local, remote } = await setUp('pull');
    await remote.createRecord({ id: 'srv-1', title: 'from the server' });
    await remote.createRecord({ id: 'srv-2', title: 'another' });

    const first = await local.sync();
    expect(first.ok).toBe(true);
    expect(idsOf(first.created)).toEqual(['srv-1', 'srv-2']);
    expect((await local.get('srv-1')).data).toMatchObject({ title: 'from the server', _status: 'synced' });

    await remote.updateRecord({ id: 'srv-1', title: 'edited on the server' });
    const second = await local.sync();
    expect(second.created).toEqual([]);
    expect(second.updated.map((u) => [u.old.title, u.new.title])).toEqual([
      ['from the server', 'edited on the server'],
    ]);
    expect((await local.get('srv-1')).data.title).toBe('edited on the server');
    expect(idsOf((await local.list()).data)).toEqual(['srv-1', 'srv-2']);
  });

  it('F-SYNC-02 a record deleted on the server (tombstone since the last sync) is removed locally', async () => {
    const { local, remote } = await setUp('remote-delete');
    await remote.createRecord({ id: 'doomed', title: 'bye' });
    await remote.createRecord({ id: 'kept', title: 'stay' });
    await local.sync();
    expect(idsOf((await local.list()).data)).toEqual(['doomed', 'kept']);

    await remote.deleteRecord('doomed');
    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(result.deleted.map((r: Note) => r.id)).toEqual(['doomed']);
    expect(idsOf((await local.list()).data)).toEqual(['kept']);
    expect((await local.getAny('doomed')).data).toBeUndefined();
  });

  it('F-SYNC-01 a local deletion is pushed: the server keeps a tombstone', async () => {
    const { local, remote } = await setUp('local-delete');
    const created = await local.create({ title: 'temporary' });
    await local.sync();
    const before = await remote.listRecords();
    expect(before.data.map((r) => r.id)).toEqual([created.data.id]);

    await local.delete(created.data.id);
    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(result.published.map((r: Note) => r.id)).toEqual([created.data.id]);
    expect((await remote.listRecords()).data).toEqual([]);
    expect(errorStatus(await rejection(remote.getRecord(created.data.id)))).toBe(404);
    const since = await raw(
      url,
      'GET',
      `/buckets/${BUCKET}/collections/local-delete/records?_since=${before.last_modified}`,
      { auth },
    );
    expect(since.json).toMatchObject({ data: [{ id: created.data.id, deleted: true }] });
    expect((await local.getAny(created.data.id)).data).toBeUndefined();
  });

  it('F-SYNC-03 incremental sync only fetches changes (_since): a second sync with no change pulls nothing', async () => {
    await http.bucket(BUCKET).createCollection('incremental');
    const remote = http.bucket(BUCKET).collection('incremental');
    await remote.batch((batch) => {
      for (let n = 1; n <= 5; n++) batch.createRecord({ id: `r${n}`, n });
    });
    const { kinto, exchanges } = offline();
    const local = kinto.collection('incremental');

    const first = await local.sync();
    expect(first.created).toHaveLength(5);
    const firstPulls = pulled(exchanges);
    expect(firstPulls).toHaveLength(1);
    expect(firstPulls[0]?.url).not.toContain('_since=');
    expect(firstPulls[0]?.ids.sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const lastModified = local.lastModified;
    expect(lastModified).toEqual(expect.any(Number));

    exchanges.length = 0;
    const second = await local.sync();
    expect(second.ok).toBe(true);
    expect([...second.created, ...second.updated, ...second.deleted, ...second.published]).toEqual([]);
    const secondPulls = pulled(exchanges);
    expect(secondPulls).toHaveLength(1);
    expect(secondPulls[0]?.url).toContain(`_since=${lastModified}`);
    expect(secondPulls[0]?.ids).toEqual([]);
    // Nothing to push: no batch request.
    expect(exchanges.some((e) => e.method === 'POST')).toBe(false);

    await remote.updateRecord({ id: 'r3', n: 33 });
    exchanges.length = 0;
    const third = await local.sync();
    expect(third.updated.map((u) => u.new.id)).toEqual(['r3']);
    expect(pulled(exchanges)[0]?.ids).toEqual(['r3']);
    expect((await local.get('r3')).data.n).toBe(33);
    expect(local.lastModified).toBeGreaterThan(Number(lastModified));
  });

  it('F-SYNC-01 kinto.js sync: a conflict (changed on both sides) is reported, resolve() and a new sync make both sides agree', async () => {
    const { local, remote } = await setUp('conflicts');
    const created = await local.create({ title: 'original' });
    const id = created.data.id;
    await local.sync();

    await remote.updateRecord({ id, title: 'server version' });
    await local.update({ ...(await local.get(id)).data, title: 'local version' });

    const conflicted = await local.sync();
    expect(conflicted.ok).toBe(false);
    expect(conflicted.conflicts.length).toBeGreaterThanOrEqual(1);
    const conflict = conflicted.conflicts.find((c) => c.remote?.id === id);
    if (!conflict) throw new Error('no conflict reported for the record');
    expect(conflict.local.title).toBe('local version');
    expect(conflict.remote.title).toBe('server version');
    // Nothing was overwritten on the server.
    expect((await remote.getRecord<{ title: string }>(id)).data.title).toBe('server version');

    await local.resolve(conflict, { ...conflict.local, title: 'merged version' });
    const resolved = await local.sync();
    expect(resolved.ok).toBe(true);
    expect(resolved.published.map((r: Note) => r.id)).toEqual([id]);
    expect((await remote.getRecord<{ title: string }>(id)).data.title).toBe('merged version');
    const after = await local.get(id);
    expect(after.data).toMatchObject({ title: 'merged version', _status: 'synced' });
    expect(after.data.last_modified).toBe((await remote.getRecord(id)).data.last_modified);
  });

  it('F-SYNC-01 kinto.js sync: deleted on the server but changed locally, CLIENT_WINS re-creates it', async () => {
    const { local, remote } = await setUp('delete-conflict');
    await remote.createRecord({ id: 'contested', title: 'original' });
    await local.sync();
    await remote.deleteRecord('contested');
    await local.update({ ...(await local.get('contested')).data, title: 'still needed' });

    const conflicted = await local.sync();
    expect(conflicted.ok).toBe(false);
    const incoming = conflicted.conflicts.find((c) => c.local?.id === 'contested');
    if (!incoming) throw new Error('no conflict reported for the record');
    expect(incoming).toMatchObject({ type: 'incoming', remote: { id: 'contested', deleted: true } });

    // Resolving against the tombstone makes kinto.js send If-Match: "<tombstone timestamp>"; like
    // Kinto (kinto-core `_raise_412_if_modified`: If-Match on an unknown object always fails), the
    // server answers 412 without `details.existing`, an outgoing conflict with no remote version.
    await local.resolve(incoming, { ...incoming.local });
    const retried = await local.sync();
    expect(retried.ok).toBe(false);
    const outgoing = retried.conflicts.find((c) => c.local?.id === 'contested');
    if (!outgoing) throw new Error('no outgoing conflict reported');
    expect(outgoing).toMatchObject({ type: 'outgoing', remote: null });

    // In MANUAL mode the tombstone keeps coming back (the collection timestamp is not saved while
    // conflicts remain); CLIENT_WINS resolves both the incoming and the outgoing conflict, and the
    // last push re-creates the record with If-None-Match: *.
    const forced = await local.sync({ strategy: Kinto.syncStrategy.CLIENT_WINS });
    expect(forced.ok).toBe(true);
    expect((await remote.getRecord<{ title: string }>('contested')).data.title).toBe('still needed');
    const after = await local.get('contested');
    expect(after.data).toMatchObject({ title: 'still needed', _status: 'synced' });
    expect(after.data.last_modified).toBe((await remote.getRecord('contested')).data.last_modified);
  });

  it('F-SYNC-03 sync({ expectedTimestamp }) sends _expected, which the server ignores as a cache buster', async () => {
    const { local, remote } = await setUp('expected');
    await remote.createRecord({ id: 'e1', title: 'x' });
    const etag = await remote.getRecordsTimestamp();
    const result = await local.sync({ expectedTimestamp: etag });
    expect(result.ok).toBe(true);
    expect(result.created.map((r: Note) => r.id)).toEqual(['e1']);
  });

  it('F-SYNC-01 kinto.js sync strategy SERVER_WINS: the server version replaces the local change', async () => {
    const { local, remote } = await setUp('server-wins');
    await remote.createRecord({ id: 'shared', title: 'original' });
    await local.sync();
    await remote.updateRecord({ id: 'shared', title: 'server version' });
    await local.update({ ...(await local.get('shared')).data, title: 'local version' });

    const result = await local.sync({ strategy: Kinto.syncStrategy.SERVER_WINS });
    expect(result.ok).toBe(true);
    expect(result.conflicts).toEqual([]);
    expect(result.resolved.map((r: Note) => r.id)).toContain('shared');
    expect((await local.get('shared')).data).toMatchObject({ title: 'server version', _status: 'synced' });
    expect((await remote.getRecord<{ title: string }>('shared')).data.title).toBe('server version');
  });

  it('F-SYNC-01 kinto.js sync strategy CLIENT_WINS: the local change overwrites the server version', async () => {
    const { local, remote } = await setUp('client-wins');
    await remote.createRecord({ id: 'shared', title: 'original' });
    await local.sync();
    await remote.updateRecord({ id: 'shared', title: 'server version' });
    await local.update({ ...(await local.get('shared')).data, title: 'local version' });

    const result = await local.sync({ strategy: Kinto.syncStrategy.CLIENT_WINS });
    expect(result.ok).toBe(true);
    expect(result.conflicts).toEqual([]);
    expect((await remote.getRecord<{ title: string }>('shared')).data.title).toBe('local version');
    const after = await local.get('shared');
    expect(after.data).toMatchObject({ title: 'local version', _status: 'synced' });
    expect(after.data.last_modified).toBe((await remote.getRecord('shared')).data.last_modified);
  });

  it('F-TS-05 / F-MTH-06 CLIENT_WINS with a local deletion of a record updated on the server', async () => {
    const { local, remote, exchanges } = await setUp('delete-vs-update');
    await remote.createRecord({ id: 'contested', title: 'original' });
    await remote.createRecord({ id: 'other', title: 'untouched' });
    await local.sync();
    await remote.updateRecord({ id: 'contested', title: 'server edit' });
    await local.delete('contested');

    exchanges.length = 0;
    const result = await local.sync({ strategy: Kinto.syncStrategy.CLIENT_WINS });
    expect(result.ok).toBe(true);
    const batches = exchanges.filter((e) => e.method === 'POST' && e.url.endsWith('/batch'));
    expect(batches).toHaveLength(2);
    // 1. DELETE with If-Match of the last synced version: 412 with the server version.
    expect(batches[0]?.body).toMatchObject({
      responses: [
        {
          status: 412,
          body: { errno: 114, details: { existing: { id: 'contested', title: 'server edit' } } },
        },
      ],
    });
    // 2. kinto.js "resolves" with the bare local tombstone ({id, last_modified}), which it
    //    sends as a PUT without `data` (its HTTP client drops data holding only id/last_modified):
    //    like Kinto, the server keeps the existing data (http §4.6).
    expect(batches[1]?.body).toMatchObject({
      responses: [{ status: 200, body: { data: { id: 'contested', title: 'server edit' } } }],
    });
    expect((await remote.getRecord<{ title: string }>('contested')).data.title).toBe('server edit');
    expect((await remote.listRecords()).data.map((r) => r.id).sort()).toEqual(['contested', 'other']);
  });

  it('F-SYNC-01 a record created then deleted locally before any sync never reaches the server', async () => {
    const { local, remote, exchanges } = await setUp('never-pushed');
    const ephemeral = await local.create({ title: 'ephemeral' });
    await local.delete(ephemeral.data.id);
    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(result.published).toEqual([]);
    expect(exchanges.some((e) => e.method === 'POST')).toBe(false);
    expect((await remote.listRecords()).data).toEqual([]);
  });

  it('F-SYNC-01 kinto.js sync strategy PULL_ONLY: remote changes come in, local ones stay unsynced', async () => {
    const { local, remote } = await setUp('pull-only');
    await remote.createRecord({ id: 'incoming', title: 'from the server' });
    const mine = await local.create({ title: 'not pushed' });
    const result = await local.sync({ strategy: Kinto.syncStrategy.PULL_ONLY });
    expect(result.ok).toBe(true);
    expect(result.created.map((r: Note) => r.id)).toEqual(['incoming']);
    expect((await remote.listRecords()).data.map((r) => r.id)).toEqual(['incoming']);
    expect((await local.get(mine.data.id)).data._status).toBe('created');
  });

  it('F-KIN-DEF-02 kinto.js syncs with the default bucket: the collection is created implicitly', async () => {
    const { kinto } = offline({ bucket: 'default' });
    const local = kinto.collection('notes');
    const created = await local.create({ title: 'in my personal bucket' });
    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(result.published.map((r: Note) => r.id)).toEqual([created.data.id]);
    const personal = http.bucket('default').collection('notes');
    expect((await personal.getRecord<{ title: string }>(created.data.id)).data.title).toBe(
      'in my personal bucket',
    );
  });

  it('F-PERM-06 kinto.js sync without read permission fails with the server error', async () => {
    await http.bucket(BUCKET).createCollection('private');
    const stranger = await createAccount(url, 'mallory', 'mallory-pw');
    const kinto = new Kinto<Note>({
      remote: url,
      bucket: BUCKET,
      headers: { Authorization: stranger },
      adapterOptions: { dbName: 'e2e-stranger' },
    });
    const error = await rejection(kinto.collection('private').sync());
    expect(errorStatus(error)).toBe(403);
  });
});
