import { migrate } from '@core/storage-postgres';
import { Redis } from 'ioredis';
import Kinto from 'kinto';
import type { KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, startServer } from './helpers.ts';
import 'fake-indexeddb/auto';

// The Kinto server on PostgreSQL (storage + permission, one transaction) and Redis (cache), chosen by
// settings as a deployment would, driven by the real clients. Without the servers this file skips
// loudly; under CI=true a missing server fails it.

const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const database = `kinto_e2e_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function serversUp(): Promise<boolean> {
  const admin = postgres(POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  try {
    await admin`SELECT 1`;
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await admin.end({ timeout: 1 });
    redis.disconnect();
  }
}

const up = await serversUp();
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
let url: string;

describe.skipIf(!up)('Kinto on PostgreSQL + Redis, driven by kinto-http and kinto.js', () => {
  beforeAll(async () => {
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${database}`);
    await admin.end();
    const storageUrl = POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`);
    const sql = postgres(storageUrl, { max: 1, onnotice: () => {} });
    await migrate(sql);
    await sql.end();
    server = await startServer(
      {
        storage_backend: '@core/storage-postgres',
        storage_url: storageUrl,
        permission_backend: '@core/storage-postgres',
        permission_url: storageUrl,
        cache_backend: '@core/cache-redis',
        cache_url: REDIS_URL,
        cache_prefix: `${database}:`,
        includes: 'kinto.plugins.accounts kinto.plugins.default_bucket kinto.plugins.history',
      },
      (name) => import(name),
    );
    url = server.url;
  });

  afterAll(async () => {
    await server?.close();
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
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
    expect((await server.listRecords<KintoObject & { title: string }>()).data.map((record) => record.title)).toEqual([
      'from the client',
    ]);
    await server.createRecord({ title: 'from the server' });
    await tasks.sync();
    const titles = (await tasks.list()).data
      .map((record) => (record as unknown as { title: string }).title)
      .sort();
    expect(titles).toEqual(['from the client', 'from the server']);
  });
});
