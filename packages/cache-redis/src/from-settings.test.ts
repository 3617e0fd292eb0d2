import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_URL, redisUrlFromSettings } from './from-settings.ts';

describe('redisUrlFromSettings', () => {
  it('prefers cache_url', () => {
    expect(redisUrlFromSettings({ cache_url: ' redis://h:1/2 ', cache_hosts: ['x:3'] })).toBe(
      'redis://h:1/2',
    );
  });

  it('falls back on a single cache_hosts entry, then on the local server', () => {
    expect(redisUrlFromSettings({ cache_url: '', cache_hosts: ['cache.internal:6380'] })).toBe(
      'redis://cache.internal:6380',
    );
    expect(redisUrlFromSettings({ cache_url: '', cache_hosts: [] })).toBe(DEFAULT_REDIS_URL);
    expect(redisUrlFromSettings({})).toBe(DEFAULT_REDIS_URL);
  });

  it('refuses several hosts', () => {
    expect(() => redisUrlFromSettings({ cache_hosts: ['a:1', 'b:2'] })).toThrow(TypeError);
  });
});
