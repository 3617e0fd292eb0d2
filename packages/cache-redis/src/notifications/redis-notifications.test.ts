import { BackendError, type CoreEvent, isCoreError } from '@core/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithRedis, REDIS_URL, redisAvailable, runPrefix } from '../../test/redis-available.ts';
import { notificationOf, parseNotification } from './message.ts';
import { createRedisNotifications, DEFAULT_NOTIFICATIONS_STREAM } from './redis-notifications.ts';
import { recordEvent } from './test-events.ts';

const available = await redisAvailable();

describe('createRedisNotifications options', () => {
  const client = new Redis({ port: 1, lazyConnect: true, retryStrategy: () => null });
  afterAll(() => client.disconnect());

  it('is listener `redis` on create/update/delete, appending to kinto:changes by default', () => {
    const listener = createRedisNotifications({ client });
    expect(listener).toMatchObject({
      name: 'redis',
      actions: ['create', 'update', 'delete'],
      stream: DEFAULT_NOTIFICATIONS_STREAM,
    });
    expect(DEFAULT_NOTIFICATIONS_STREAM).toBe('kinto:changes');
    expect(createRedisNotifications({ client, name: 'changes' }).name).toBe('changes');
  });

  it('refuses an empty stream and a maxLength that is not a positive integer', () => {
    expect(() => createRedisNotifications({ client, stream: '' })).toThrow(TypeError);
    for (const maxLength of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createRedisNotifications({ client, maxLength })).toThrow(TypeError);
    }
  });

  it('rejects with BackendError (never a raw client error) when Redis is unreachable', async () => {
    const down = new Redis({
      port: 1,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {});
    const listener = createRedisNotifications({ client: down, stream: 'unreachable', ownsClient: true });
    const error = await Promise.resolve(listener.handle(recordEvent('create', 1), {})).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendError);
    expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
    expect((error as Error).message).toContain('"unreachable"');
    expect((error as Error).cause).toBeDefined();
    await listener.close();
    expect(down.status).toBe('end');
  });
});

describeWithRedis(available, 'Redis notifications against the real server', () => {
  const prefix = runPrefix('notifications');
  let writer: Redis;
  let reader: Redis;
  const streams: string[] = [];
  const newStream = (label: string) => {
    const stream = `${prefix}${label}`;
    streams.push(stream);
    return stream;
  };
  const read = async (stream: string) =>
    (await reader.xrange(stream, '-', '+')).map(([, fields]) => parseNotification(fields));

  beforeAll(() => {
    writer = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    reader = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  });
  afterAll(async () => {
    if (streams.length > 0) await reader.unlink(...streams);
    await writer.quit();
    await reader.quit();
  });

  it('F-TK-EVT-01 appends one entry per AfterResourceChanged, in order, seen from another connection', async () => {
    const stream = newStream('order');
    const listener = createRedisNotifications({ client: writer, stream });
    const events = [
      recordEvent('create', 1),
      recordEvent('update', 2, [
        { new: { id: 'r1', last_modified: 2, title: 'b' }, old: { id: 'r1', last_modified: 1 } },
      ]),
      recordEvent('delete', 3, [
        {
          new: { id: 'r1', last_modified: 3, deleted: true },
          old: { id: 'r1', last_modified: 2, title: 'b' },
        },
      ]),
    ];
    for (const event of events) await listener.handle(event, {});
    expect(await read(stream)).toEqual(events.map(notificationOf));
    const [[, fields] = ['', []]] = await reader.xrange(stream, '-', '+', 'COUNT', 1);
    expect(fields[0]).toBe('event');
    expect(fields).toHaveLength(2);
  });

  it('ignores every other event', async () => {
    const stream = newStream('others');
    const listener = createRedisNotifications({ client: writer, stream });
    const { payload, impacted_objects } = recordEvent('create', 1);
    const others: CoreEvent[] = [
      { type: 'ResourceChanged', payload, impacted_objects },
      { type: 'ResourceRead', payload: { ...payload, action: 'read' }, read_objects: [] },
      { type: 'AfterResourceRead', payload: { ...payload, action: 'read' }, read_objects: [] },
      { type: 'ServerFlushed', timestamp: 1 },
    ];
    for (const event of others) await listener.handle(event, {});
    expect(await reader.exists(stream)).toBe(0);
  });

  it('keeps the order of concurrent handle() calls on one connection', async () => {
    const stream = newStream('concurrent');
    const listener = createRedisNotifications({ client: writer, stream });
    const events = Array.from({ length: 50 }, (_, n) => recordEvent('create', n));
    await Promise.all(events.map((event) => listener.handle(event, {})));
    expect((await read(stream)).map((message) => message.payload.timestamp)).toEqual(events.map((_, n) => n));
  });

  it('trims the stream to about maxLength entries (MAXLEN ~)', async () => {
    const stream = newStream('trimmed');
    const listener = createRedisNotifications({ client: writer, stream, maxLength: 10 });
    for (let n = 0; n < 600; n++) await listener.handle(recordEvent('create', n), {});
    const length = await reader.xlen(stream);
    expect(length).toBeGreaterThanOrEqual(10);
    expect(length).toBeLessThan(600);
    const [[, last] = ['', []]] = await reader.xrevrange(stream, '+', '-', 'COUNT', 1);
    expect(parseNotification(last).payload.timestamp).toBe(599);
  });

  it('close() leaves a client it does not own open', async () => {
    const listener = createRedisNotifications({ client: writer, stream: newStream('owned') });
    await listener.close();
    expect(await writer.ping()).toBe('PONG');
  });
});
