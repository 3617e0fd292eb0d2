import Kinto from 'kinto';
import type { KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startKintoServer } from '../../src/node/start-server.ts';
import { createAccount, silentLogger } from './helpers.ts';
import { POSTGRES_URL, productionBackends, productionServersUp, REDIS_URL } from './production.ts';
import 'fake-indexeddb/auto';

// The Kinto server on PostgreSQL (storage + permission, one transaction) and Redis (cache), chosen by
// settings as a deployment would, driven by the real clients. Without the servers this file skips
// loudly; under CI=true a missing server fails it.

const up = await productionServersUp();
if (!up && process.env.CI === 'true') {
  throw new Error(
    `PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down: production-backend e2e cannot run under CI`,
  );
}
if (!up)
  console.warn(
    `!! PostgreSQL or Redis is down: SKIPPING the production-backend e2e tests (${POSTGRES_URL}, ${REDIS_URL})`,
  );

let server: RunningServer;
let drop: (() => Promise<void>) | undefined;
let url: string;

describe.skipIf(!up)('Kinto on PostgreSQL + Redis, driven by kinto-http and kinto.js', () => {
  beforeAll(async () => {
    const production = await productionBackends();
    drop = production.drop;
    server = await startKintoServer({
      env: {},
      overrides: {
        http_port: 0,
        bind_host: '127.0.0.1',
        ...production.settings,
        includes: 'kinto.plugins.accounts kinto.plugins.default_bucket kinto.plugins.history',
      },
      logger: silentLogger(),
      importer: (name) => import(name),
    });
    url = server.url;
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('F-KIN-REC-01 accounts, buckets, collections and records with kinto-http; heartbeat names every backend', async () => {
    const heartbeat = await (await fetch(`${url}__heartbeat__`)).json();
    expect(heartbeat).toMatchObject({ storage: true, permission: true, cache: true });
    const alice = new KintoClient(url, {
      headers: { Authorization: await createAccount(url, 'alice', 'a') },
    });
    expect((await alice.fetchUser())?.id).toBe('account:alice');
    await alice.createBucket('blog');
    await alice.bucket('blog').createCollection('articles');
    const articles = alice.bucket('blog').collection('articles');
    for (let index = 0; index < 7; index++) await articles.createRecord({ title: `a${index}`, index });
    const all = await articles.listRecords<KintoObject & { index: number }>({
      sort: 'index',
      limit: 2,
      pages: Number.POSITIVE_INFINITY,
    });
    expect(all.data.map((record) => record.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const filtered = await articles.listRecords({ filters: { min_index: 5 } });
    expect(filtered.data).toHaveLength(2);
    const history = await alice.bucket('blog').listHistory();
    expect(history.data.length).toBeGreaterThanOrEqual(9);
  });

  it('F-TS-05 F-BATCH-03 safe:true conflicts and batches keep their semantics on PostgreSQL', async () => {
    const bob = new KintoClient(url, { headers: { Authorization: await createAccount(url, 'bob', 'b') } });
    await bob.createBucket('b');
    await bob.bucket('b').createCollection('c');
    const records = bob.bucket('b').collection('c');
    const { data: first } = await records.createRecord({ n: 1 });
    await records.updateRecord({ ...first, n: 2 });
    await expect(records.updateRecord({ ...first, n: 3 }, { safe: true })).rejects.toThrow();
    const results = await records.batch((batch) => {
      batch.createRecord({ n: 10 });
      batch.createRecord({ n: 11 });
    });
    expect((results as { status: number }[]).map((result) => result.status)).toEqual([201, 201]);
    expect((await records.listRecords()).data).toHaveLength(3);
  });

  it('F-SYNC-01 kinto.js syncs both ways through PostgreSQL', async () => {
    const authorization = await createAccount(url, 'carol', 'c');
    const local = new Kinto({ remote: url, bucket: 'default', headers: { Authorization: authorization } });
    const tasks = local.collection('tasks');
    await tasks.create({ title: 'from the client' });
    const pushed = await tasks.sync();
    expect(pushed.ok).toBe(true);
    const remote = new KintoClient(url, { headers: { Authorization: authorization } });
    const server = remote.bucket('default').collection('tasks');
    expect(
      (await server.listRecords<KintoObject & { title: string }>()).data.map((record) => record.title),
    ).toEqual(['from the client']);
    await server.createRecord({ title: 'from the server' });
    await tasks.sync();
    const titles = (await tasks.list()).data
      .map((record) => (record as unknown as { title: string }).title)
      .sort();
    expect(titles).toEqual(['from the client', 'from the server']);
  });
});
