import { expect } from 'vitest';
import { defineCacheGroup } from './options.ts';

/** `delete`: removal and the previous value. */
export const cacheDeleteGroup = defineCacheGroup('cache: delete', (test) => {
  test('F-TK-CACHE delete removes the key and returns its value', async (c) => {
    await c.set('foobar', { v: [1, 'a'] }, 42);
    expect(await c.delete('foobar')).toStrictEqual({ v: [1, 'a'] });
    expect(await c.get('foobar')).toBeUndefined();
    expect(await c.ttl('foobar')).toBeLessThan(0);
  });

  test('F-TK-CACHE delete of a missing key returns undefined', async (c) => {
    expect(await c.delete('foobar')).toBeUndefined();
  });

  test('F-TK-CACHE delete of a key holding null returns null', async (c) => {
    await c.set('nothing', null, 42);
    expect(await c.delete('nothing')).toBeNull();
    expect(await c.delete('nothing')).toBeUndefined();
  });

  test('F-TK-CACHE delete returns falsy values as stored', async (c) => {
    await c.set('zero', 0, 42);
    await c.set('empty', '', 42);
    expect(await c.delete('zero')).toBe(0);
    expect(await c.delete('empty')).toBe('');
  });

  test('F-TK-CACHE delete removes only its key', async (c) => {
    await c.set('a', 1, 42);
    await c.set('ab', 2, 42);
    await c.set('b', 3, 42);
    await c.delete('a');
    expect(await c.get('ab')).toBe(2);
    expect(await c.get('b')).toBe(3);
  });

  test('F-TK-CACHE a deleted key can be set again', async (c) => {
    await c.set('foobar', 'old', 42);
    await c.delete('foobar');
    await c.set('foobar', 'new', 42);
    expect(await c.get('foobar')).toBe('new');
  });
});
