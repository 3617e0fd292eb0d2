import {
  type ChangeNotification,
  parseNotification,
  type RedisNotificationsListener,
} from '@core/cache-redis';
import type { Logger, ResourceAction, StoredObject } from '@core/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKintoApp } from '../../src/create-kinto-app.ts';
import { requestJson, type Send } from '../../src/testing/request-json.ts';
import { silentLogger } from '../e2e/helpers.ts';
import { capturingImporter, REDIS_URL, redisUp } from './redis-helpers.ts';

// Issue 7: the notifications channel. A Kinto app publishes every AfterResourceChanged to a Redis
// stream (event_listeners.redis.use = @core/cache-redis); a worker on a separate connection, reading
// with XREAD as the changes happen, sees every change of the run, in order, with the spec's payload.

const up = await redisUp();
if (!up && process.env.CI === 'true') {
  throw new Error(`Redis (${REDIS_URL}) is down: the notifications channel tests cannot run under CI`);
}
if (!up)
  console.warn(`\n!!!!!!!!!! Redis (${REDIS_URL}) is down: SKIPPING the notifications channel tests\n`);

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const ALICE = basic('alice', 's3cr3t');

/** The members of Kinto's answers this test reads. */
interface Answer {
  readonly data: StoredObject;
  readonly responses: readonly { readonly status: number }[];
}

type Call = (
  method: string,
  path: string,
  options?: { body?: unknown; auth?: string },
) => Promise<{ status: number; json: Answer }>;

async function kinto(
  stream: string,
  opened: RedisNotificationsListener[],
  extra: Record<string, unknown> = {},
  logger?: Logger,
) {
  const { app } = await createKintoApp({
    settings: {
      'multiauth.policies': 'account basicauth',
      event_listeners: 'redis',
      'event_listeners.redis.use': '@core/cache-redis',
      'event_listeners.redis.url': REDIS_URL,
      'event_listeners.redis.stream': stream,
      ...extra,
    },
    importer: capturingImporter(opened),
    logger: logger ?? silentLogger(),
  });
  const send: Send = (path, init) => app.request(`/v1${path}`, init);
  const call: Call = (method, path, options = {}) => requestJson(send, method, path, options);
  return call;
}

/** A worker: reads `stream` from the start with blocking XREAD until it has `count` entries. */
async function consume(
  connection: Redis,
  stream: string,
  count: number,
): Promise<[string, ChangeNotification][]> {
  const seen: [string, ChangeNotification][] = [];
  let last = '0';
  const deadline = Date.now() + 20_000;
  while (seen.length < count && Date.now() < deadline) {
    const reply = await connection.xread('COUNT', 100, 'BLOCK', 1_000, 'STREAMS', stream, last);
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        seen.push([id, parseNotification(fields)]);
        last = id;
      }
    }
  }
  return seen;
}

/** What a change is checked on: action, resource, uri, author and the ids of its impacted objects. */
const summary = (message: ChangeNotification) => ({
  action: message.action,
  resource: message.payload.resource_name,
  uri: message.payload.uri,
  user: message.payload.user_id,
  ids: message.impacted_objects.map((impacted) => impacted.new.id),
});

describe.skipIf(!up)('the Redis notifications channel, end to end', () => {
  const streams: string[] = [];
  const opened: RedisNotificationsListener[] = [];
  let reader: Redis;
  let worker: Redis;
  const newStream = (label: string) => {
    const stream = `kinto-notifications-test-${label}-${crypto.randomUUID()}`;
    streams.push(stream);
    return stream;
  };

  beforeAll(() => {
    reader = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    worker = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  });
  afterAll(async () => {
    for (const listener of opened) await listener.close();
    if (streams.length > 0) await reader.unlink(...streams);
    if (streams.length > 0) expect(await reader.exists(...streams)).toBe(0);
    await reader.quit();
    await worker.quit();
  });

  it('F-TK-EVT-01 every change of a run reaches the stream, in order, with the spec payload', async () => {
    const stream = newStream('run');
    const call = await kinto(stream, opened);
    const records = '/buckets/blog/collections/posts/records';
    const expected: ReturnType<typeof summary>[] = [];
    const change = (
      action: ResourceAction,
      resource: string,
      uri: string,
      user: string | null,
      ids: string[],
    ) => expected.push({ action, resource, uri, user, ids });
    // The worker reads the 13 changes below while they are being made.
    const reading = consume(worker, stream, 13);

    expect((await call('PUT', '/accounts/alice', { body: { data: { password: 's3cr3t' } } })).status).toBe(
      201,
    );
    change('create', 'account', '/accounts/alice', null, ['alice']);
    expect((await call('PUT', '/buckets/blog', { auth: ALICE })).status).toBe(201);
    change('create', 'bucket', '/buckets/blog', 'account:alice', ['blog']);
    expect((await call('PUT', '/buckets/blog/collections/posts', { auth: ALICE })).status).toBe(201);
    change('create', 'collection', '/buckets/blog/collections/posts', 'account:alice', ['posts']);
    const r1 = await call('PUT', `${records}/r1`, { auth: ALICE, body: { data: { title: 'one' } } });
    expect(r1.status).toBe(201);
    change('create', 'record', `${records}/r1`, 'account:alice', ['r1']);
    const patched = await call('PATCH', `${records}/r1`, { auth: ALICE, body: { data: { title: 'uno' } } });
    expect(patched.status).toBe(200);
    change('update', 'record', `${records}/r1`, 'account:alice', ['r1']);
    // Reads and no-op writes are not changes: a GET, and a POST of an existing id (action `read`).
    expect((await call('GET', `${records}/r1`, { auth: ALICE })).status).toBe(200);
    expect(
      (await call('POST', records, { auth: ALICE, body: { data: { id: 'r1', title: 'uno' } } })).status,
    ).toBe(200);
    expect(
      (await call('PUT', `${records}/r2`, { auth: ALICE, body: { data: { title: 'two' } } })).status,
    ).toBe(201);
    change('create', 'record', `${records}/r2`, 'account:alice', ['r2']);
    const deleted = await call('DELETE', `${records}/r1`, { auth: ALICE });
    expect(deleted.status).toBe(200);
    change('delete', 'record', `${records}/r1`, 'account:alice', ['r1']);
    // A batch: one event per (resource, parent, action), in order of first occurrence.
    const batch = await call('POST', '/batch', {
      auth: ALICE,
      body: {
        defaults: { method: 'PUT' },
        requests: [
          { path: `${records}/r3`, body: { data: { title: 'three' } } },
          { method: 'DELETE', path: `${records}/r2` },
          { path: `${records}/r4`, body: { data: { title: 'four' } } },
          { path: '/buckets/blog/collections/drafts' },
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.json.responses.map((response) => response.status)).toEqual([201, 200, 201, 201]);
    change('create', 'record', `${records}/r3`, 'account:alice', ['r3', 'r4']);
    change('delete', 'record', `${records}/r2`, 'account:alice', ['r2']);
    change('create', 'collection', '/buckets/blog/collections/drafts', 'account:alice', ['drafts']);
    // A plural delete: one event, every deleted object impacted (in list order, newest first).
    expect((await call('DELETE', records, { auth: ALICE })).status).toBe(200);
    change('delete', 'record', records, 'account:alice', ['r4', 'r3']);
    const password = await call('PATCH', '/accounts/alice', {
      auth: ALICE,
      body: { data: { password: 'new' } },
    });
    expect(password.status).toBe(200);
    change('update', 'account', '/accounts/alice', 'account:alice', ['alice']);
    expect((await call('DELETE', '/buckets/blog', { auth: basic('alice', 'new') })).status).toBe(200);
    change('delete', 'bucket', '/buckets/blog', 'account:alice', ['blog']);

    const consumed = await reading;
    expect(expected).toHaveLength(13);
    expect(consumed.map(([, message]) => summary(message))).toEqual(expected);
    // The same entries, in the same order, for any later reader (XRANGE), and nothing more.
    const ranged = await reader.xrange(stream, '-', '+');
    expect(ranged.map(([id]) => id)).toEqual(consumed.map(([id]) => id));
    expect(consumed).toHaveLength(expected.length);

    // The spec payload (toolkit.md §6.1) and the objects as stored, without permissions.
    const messages = consumed.map(([, message]) => message);
    const create = messages[3];
    expect(create?.payload).toEqual({
      timestamp: r1.json.data.last_modified,
      action: 'create',
      uri: `${records}/r1`,
      user_id: 'account:alice',
      resource_name: 'record',
      bucket_id: 'blog',
      collection_id: 'posts',
      record_id: 'r1',
    });
    expect(create?.impacted_objects).toEqual([{ new: r1.json.data }]);
    expect(messages[4]?.impacted_objects).toEqual([{ new: patched.json.data, old: r1.json.data }]);
    expect(messages[6]?.impacted_objects).toEqual([{ new: deleted.json.data, old: patched.json.data }]);
    expect(deleted.json.data).toMatchObject({ id: 'r1', deleted: true });
    for (const message of messages) {
      for (const impacted of message.impacted_objects) {
        expect(impacted.new).not.toHaveProperty('permissions');
        expect(impacted.old ?? {}).not.toHaveProperty('permissions');
      }
    }
    // The plural delete is not on an object endpoint: no `record_id`.
    expect(messages[10]?.payload).toMatchObject({ bucket_id: 'blog', collection_id: 'posts' });
    expect(messages[10]?.payload).not.toHaveProperty('record_id');
  });

  it('event_listeners.redis.actions and .resources filter what is published', async () => {
    const stream = newStream('filtered');
    const call = await kinto(stream, opened, {
      'event_listeners.redis.actions': 'delete',
      'event_listeners.redis.resources': 'record',
    });
    await call('PUT', '/accounts/bob', { body: { data: { password: 'b' } } });
    const bob = basic('bob', 'b');
    await call('PUT', '/buckets/b', { auth: bob });
    await call('PUT', '/buckets/b/collections/c', { auth: bob });
    await call('PUT', '/buckets/b/collections/c/records/r', { auth: bob, body: { data: {} } });
    expect((await call('DELETE', '/buckets/b/collections/c/records/r', { auth: bob })).status).toBe(200);
    const entries = await reader.xrange(stream, '-', '+');
    expect(entries.map(([, fields]) => summary(parseNotification(fields)))).toEqual([
      {
        action: 'delete',
        resource: 'record',
        uri: '/buckets/b/collections/c/records/r',
        user: 'account:bob',
        ids: ['r'],
      },
    ]);
  });

  it('a Redis outage never fails a request: the change is logged as not published', async () => {
    const errors: unknown[] = [];
    const logger: Logger = { ...silentLogger(), error: (...args: unknown[]) => void errors.push(args) };
    logger.child = () => logger;
    const stream = newStream('outage');
    const call = await kinto(
      stream,
      opened,
      { 'event_listeners.redis.url': 'redis://127.0.0.1:1/0' },
      logger,
    );
    const created = await call('PUT', '/accounts/carol', { body: { data: { password: 'c' } } });
    expect(created.status).toBe(201);
    expect((await call('PUT', '/buckets/c', { auth: basic('carol', 'c') })).status).toBe(201);
    expect(JSON.stringify(errors)).toContain('AfterResourceChanged listener failed');
    expect(await reader.exists(stream)).toBe(0);
  });
});
