import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { describeWithRedis, REDIS_URL, redisAvailable, runPrefix } from '../../test/redis-available.ts';
import { createListenerFromSettings } from './from-settings.ts';
import { parseNotification } from './message.ts';
import { recordEvent } from './test-events.ts';

const available = await redisAvailable();

describe('createListenerFromSettings', () => {
  it('reads event_listeners.<name>.stream and .max_length (text or number), named after the listener', async () => {
    const listener = createListenerFromSettings(
      {
        cache_url: 'redis://127.0.0.1:1/0',
        'event_listeners.changes.stream': ' app:changes ',
        'event_listeners.changes.max_length': '1000',
      },
      'changes',
    );
    expect(listener).toMatchObject({ name: 'changes', stream: 'app:changes' });
    await listener.close();
    const numeric = createListenerFromSettings(
      {
        cache_url: 'redis://127.0.0.1:1/0',
        'event_listeners.redis.stream': 2024,
        'event_listeners.redis.max_length': 5,
      },
      'redis',
    );
    expect(numeric).toMatchObject({ name: 'redis', stream: '2024' });
    await numeric.close();
    const defaults = createListenerFromSettings({ cache_url: 'redis://127.0.0.1:1/0' }, 'redis');
    expect(defaults.stream).toBe('kinto:changes');
    await defaults.close();
  });

  it('names the malformed setting', () => {
    for (const value of ['0', '-3', 'ten', 2.5, true]) {
      expect(() =>
        createListenerFromSettings({ 'event_listeners.redis.max_length': value }, 'redis'),
      ).toThrow(/"event_listeners\.redis\.max_length"/);
    }
    expect(() => createListenerFromSettings({ 'event_listeners.redis.url': ['a'] }, 'redis')).toThrow(
      /"event_listeners\.redis\.url"/,
    );
  });
});

describeWithRedis(available, 'createListenerFromSettings against the real server', () => {
  const stream = `${runPrefix('settings')}stream`;

  it('connects to event_listeners.<name>.url, else cache_url, and publishes there', async () => {
    const reader = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    try {
      // The own url wins over a cache_url where nothing listens.
      const own = createListenerFromSettings(
        {
          cache_url: 'redis://127.0.0.1:1/0',
          'event_listeners.n.url': REDIS_URL,
          'event_listeners.n.stream': stream,
        },
        'n',
      );
      await own.handle(recordEvent('create', 1), {});
      await own.close();
      const cached = createListenerFromSettings(
        { cache_url: REDIS_URL, 'event_listeners.n.stream': stream, 'event_listeners.n.max_length': '100' },
        'n',
      );
      await cached.handle(recordEvent('delete', 2), {});
      await cached.close();
      const entries = await reader.xrange(stream, '-', '+');
      expect(entries.map(([, fields]) => parseNotification(fields).action)).toEqual(['create', 'delete']);
    } finally {
      await reader.unlink(stream);
      await reader.quit();
    }
  });
});
