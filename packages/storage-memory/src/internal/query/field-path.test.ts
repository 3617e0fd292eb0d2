import { describe, expect, it } from 'vitest';
import { fieldReader, resolveField } from './field-path.ts';

describe('resolveField', () => {
  it('reads top-level and nested keys', () => {
    expect(resolveField({ a: 1 }, 'a')).toBe(1);
    expect(resolveField({ a: { b: { c: null } } }, 'a.b.c')).toBe(null);
    expect(resolveField({ a: { b: {} } }, 'a.b.c')).toBeUndefined();
  });

  it('prefers the longest dotted key', () => {
    expect(resolveField({ 'a.b': { c: 1 }, a: { b: { c: 2 } } }, 'a.b.c')).toBe(1);
    expect(resolveField({ 'a.b.c': 3, 'a.b': { c: 1 } }, 'a.b.c')).toBe(3);
    expect(resolveField({ a: { 'b.c': 4 } }, 'a.b.c')).toBe(4);
  });

  it('does not index arrays nor descend into scalars', () => {
    expect(resolveField({ a: [{ b: 1 }] }, 'a.b')).toBeUndefined();
    expect(resolveField({ a: [5] }, 'a.0')).toBeUndefined();
    expect(resolveField({ a: 'text' }, 'a.length')).toBeUndefined();
    expect(resolveField({ a: null }, 'a.b')).toBeUndefined();
  });

  it('ignores inherited properties', () => {
    expect(resolveField({}, 'toString')).toBeUndefined();
    expect(resolveField({ a: {} }, 'a.constructor')).toBeUndefined();
    expect(fieldReader('hasOwnProperty')({})).toBeUndefined();
  });

  it('compiled readers agree with resolveField', () => {
    const object = { 'x.y': 1, x: { y: 2, z: 3 } };
    for (const path of ['x', 'x.y', 'x.z', 'x.w', 'q']) {
      expect(fieldReader(path)(object)).toEqual(resolveField(object, path));
    }
  });
});
