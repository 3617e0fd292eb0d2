import 'fake-indexeddb/auto';
import type { RecordStatus } from 'kinto';
import Kinto from 'kinto';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, raw, startServer } from './helpers.ts';

// kinto.js against a server paginating by 2 records, with the flush plugin.

type Note = { id: string; n?: number; last_modified?: number; _status?: RecordStatus };

let server: RunningServer;
let url: string;
let databases = 0;

beforeAll(async () => {
  server = await startServer({
    paginate_by: 2,
    includes: 'kinto.plugins.default_bucket kinto.plugins.accounts kinto.plugins.flush',
  });
  url = server.url;
});

afterAll(async () => {
  await server?.close();
});

/** A fresh account, a kinto-http client and a kinto.js instance (own IndexedDB) for it. */
async function userSetUp(id: string): Promise<{ http: KintoClient; kinto: Kinto<Note>; auth: string }> {
  const auth = await createAccount(url, id, `${id}-pw`);
  databases += 1;
  return {
    auth,
    http: new KintoClient(url, { headers: { Authorization: auth } }),
    kinto: new Kinto<Note>({
      remote: url,
      bucket: 'default',
      headers: { Authorization: auth },
      adapterOptions: { dbName: `e2e-paged-${databases}` },
    }),
  };
}

describe('kinto.js against a paginating server', () => {
  it('F-PAG-02 kinto.js sync follows Next-Page (with _since) over many server pages', async () => {
    const { http, kinto, auth } = await userSetUp('pager');
    const remote = http.bucket('default').collection('many');
    await remote.batch((batch) => {
      for (let n = 1; n <= 7; n++) batch.createRecord({ id: `m${n}`, n });
    });
    const page = await raw(url, 'GET', '/buckets/default/collections/many/records', { auth });
    expect(page.json).toMatchObject({ data: [{}, {}] });
    expect(page.headers.get('Next-Page')).toContain('_token=');
    const local = kinto.collection('many');
    const first = await local.sync();
    expect(first.ok).toBe(true);
    expect(first.created.map((r: Note) => r.id).sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);

    // Five changes since the last sync: three pages of `_since` results.
    for (const id of ['m1', 'm3', 'm5']) await remote.updateRecord({ id, n: 100 });
    await remote.deleteRecord('m2');
    await remote.createRecord({ id: 'm8', n: 8 });
    const second = await local.sync();
    expect(second.ok).toBe(true);
    expect(second.updated.map((u) => u.new.id).sort()).toEqual(['m1', 'm3', 'm5']);
    expect(second.deleted.map((r: Note) => r.id)).toEqual(['m2']);
    expect(second.created.map((r: Note) => r.id)).toEqual(['m8']);
    const ids = (await local.list()).data.map((r) => r.id).sort();
    expect(ids).toEqual(['m1', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    expect((await local.get('m5')).data.n).toBe(100);
  });

  it('F-BATCH-01 kinto.js pushes more records than batch_max_requests (chunked batches), then pulls nothing back', async () => {
    const { http, kinto } = await userSetUp('pusher');
    const local = kinto.collection('bulk');
    for (let n = 0; n < 30; n++) await local.create({ n });
    const result = await local.sync();
    expect(result.ok).toBe(true);
    expect(result.published).toHaveLength(30);
    // The last pull excludes what was just published (exclude_id): nothing comes back as created.
    expect(result.created).toEqual([]);
    const onServer = await http
      .bucket('default')
      .collection('bulk')
      .listRecords<{ id: string; last_modified: number; n: number }>({ pages: Number.POSITIVE_INFINITY });
    expect(onServer.data.map((r) => r.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, n) => n),
    );
    const synced = (await local.list()).data;
    expect(synced.every((r) => r._status === 'synced')).toBe(true);
  });

  it('F-UTL-07 after a server flush kinto.js raises ServerWasFlushedError; resetSyncStatus() then sync republishes', async () => {
    const { kinto } = await userSetUp('flushed');
    const local = kinto.collection('precious');
    const created = await local.create({ n: 42 });
    expect((await local.sync()).ok).toBe(true);

    const flush = await fetch(`${url}__flush__`, { method: 'POST' });
    expect(flush.status).toBe(202);
    // Everything is gone, the account too: create it again (same id and password).
    const auth = await createAccount(url, 'flushed', 'flushed-pw');
    const http = new KintoClient(url, { headers: { Authorization: auth } });

    const error = await local.sync().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    // kinto.js' ServerWasFlushedError (not exported): an empty `_since` answer with a newer ETag.
    expect(error instanceof Error ? error.message : '').toMatch(/^Server has been flushed\./);
    expect(error).toMatchObject({ clientTimestamp: expect.any(Number), serverTimestamp: expect.any(Number) });

    await local.resetSyncStatus();
    const republished = await local.sync();
    expect(republished.ok).toBe(true);
    expect(republished.published.map((r: Note) => r.id)).toEqual([created.data.id]);
    const remote = await http
      .bucket('default')
      .collection('precious')
      .getRecord<{ n: number }>(created.data.id);
    expect(remote.data.n).toBe(42);
  });
});
