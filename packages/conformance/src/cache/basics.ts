import type { JsonValue } from '@core/contracts';
import { expect } from 'vitest';
import { expectTypeError, INVALID_TTLS } from './helpers.ts';
import { defineCacheGroup } from './options.ts';

/** Storing and reading values: round trips, copies, keys, lifecycle. */
export const cacheBasicsGroup = defineCacheGroup('cache: basics', (test) => {
  test('F-TK-CACHE the backend has a name, a heartbeat and an idempotent initializeSchema', async (c) => {
    expect(typeof c.name).toBe('string');
    expect(c.name.length).toBeGreaterThan(0);
    expect(await c.heartbeat()).toBe(true);
    await c.set('kept', 'yes', 60);
    await c.initializeSchema?.();
    await c.initializeSchema?.({ dryRun: true });
    expect(await c.get('kept')).toBe('yes');
  });

  test('F-TK-CACHE a value set is returned by get', async (c) => {
    await c.set('foobar', 'toto', 42);
    expect(await c.get('foobar')).toBe('toto');
    expect(await c.get('foobaz')).toBeUndefined();
  });

  test('F-TK-CACHE JSON values round-trip (numbers, arrays, nested objects, unicode)', async (c) => {
    const values: JsonValue[] = [
      3,
      3.14,
      -0.5,
      1e21,
      ['a'],
      { b: [1, 2] },
      { nested: { deep: [{ x: null, y: true, z: 'é\u{1F600}' }] }, empty: {}, list: [] },
      'unicode: café 日本 \u{1F600}',
      true,
    ];
    for (const [i, value] of values.entries()) await c.set(`k${i}`, value, 42);
    for (const [i, value] of values.entries()) expect(await c.get(`k${i}`)).toStrictEqual(value);
  });

  test('F-TK-CACHE numbers and numeric strings stay distinct', async (c) => {
    await c.set('number', 42, 42);
    await c.set('string', '42', 42);
    await c.set('object', { n: 1, s: '1' }, 42);
    expect(await c.get('number')).toBe(42);
    expect(await c.get('string')).toBe('42');
    expect(await c.get('object')).toStrictEqual({ n: 1, s: '1' });
  });

  test('F-TK-CACHE null is stored and distinguishable from a missing key', async (c) => {
    await c.set('nothing', null, 42);
    expect(await c.get('nothing')).toBeNull();
    expect(await c.get('missing')).toBeUndefined();
    expect(await c.ttl('nothing')).toBeGreaterThan(0);
  });

  test('F-TK-CACHE falsy values are returned as stored', async (c) => {
    await c.set('zero', 0, 42);
    await c.set('false', false, 42);
    await c.set('empty', '', 42);
    expect(await c.get('zero')).toBe(0);
    expect(await c.get('false')).toBe(false);
    expect(await c.get('empty')).toBe('');
  });

  test('F-TK-CACHE set replaces the previous value', async (c) => {
    await c.set('key', { v: 1 }, 42);
    await c.set('key', [2], 42);
    expect(await c.get('key')).toStrictEqual([2]);
  });

  test('F-TK-CACHE values are copied in and out', async (c) => {
    const value = { list: [1, 2], inner: { a: 'b' } };
    await c.set('key', value, 42);
    value.list.push(3);
    value.inner.a = 'changed';
    const first = (await c.get('key')) as { list: number[]; inner: { a: string } };
    expect(first).toStrictEqual({ list: [1, 2], inner: { a: 'b' } });
    first.list.push(4);
    first.inner.a = 'mutated';
    const second = await c.get('key');
    expect(second).toStrictEqual({ list: [1, 2], inner: { a: 'b' } });
    expect(second).not.toBe(first);
  });

  test('F-TK-CACHE large values round-trip', async (c) => {
    const text = 'x'.repeat(100_000);
    const objects = Array.from({ length: 2_000 }, (_, i) => ({ id: `r${i}`, n: i, tags: ['a', 'é'] }));
    await c.set('text', text, 42);
    await c.set('objects', objects, 42);
    expect(await c.get('text')).toBe(text);
    expect(await c.get('objects')).toStrictEqual(objects);
  });

  test('F-TK-CACHE keys are exact: empty, unicode, case and punctuation', async (c) => {
    const keys = ['', 'a', 'A', 'a ', 'a:b', 'a*', 'café', 'cafe\u0301', '\u{1F600}', 'x'.repeat(300)];
    for (const key of keys) await c.set(key, `value of ${key}`, 42);
    for (const key of keys) expect(await c.get(key)).toBe(`value of ${key}`);
    expect(await c.get('a:')).toBeUndefined();
  });

  test('F-TK-CACHE set rejects a TTL that is not a positive finite number, storing nothing', async (c) => {
    for (const ttl of INVALID_TTLS) await expectTypeError(() => c.set('key', 'value', ttl));
    expect(await c.get('key')).toBeUndefined();
    expect(await c.ttl('key')).toBeLessThan(0);
  });

  test('F-TK-CACHE an invalid TTL leaves a previous value and expiry untouched', async (c) => {
    await c.set('key', 'before', 42);
    for (const ttl of INVALID_TTLS) await expectTypeError(() => c.set('key', 'after', ttl));
    expect(await c.get('key')).toBe('before');
    expect(await c.ttl('key')).toBeGreaterThan(40);
  });
});
