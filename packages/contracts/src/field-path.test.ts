import { describe, expect, it } from 'vitest';
import { resolveField } from './field-path.ts';

describe('resolveField', () => {
  it('F-FLT-01 reads keys, dotted paths, and prefers the longest dotted key', () => {
    expect(resolveField({ a: 1 }, 'a')).toBe(1);
    expect(resolveField({ a: { b: { c: null } } }, 'a.b.c')).toBeNull();
    expect(resolveField({ 'a.b': { c: 2 }, a: { b: { c: 3 } } }, 'a.b.c')).toBe(2);
    expect(resolveField({ 'a.b': 5, a: { b: 6 } }, 'a.b')).toBe(5);
  });

  it('F-FLT-01 never indexes arrays nor descends into scalars; missing is undefined', () => {
    expect(resolveField({ a: [1, 2] }, 'a.0')).toBeUndefined();
    expect(resolveField({ s: 'text' }, 's.length')).toBeUndefined();
    expect(resolveField({}, 'x.y')).toBeUndefined();
    expect(resolveField({ 'a.b': 1, a: { b: { c: 4 } } }, 'a.b.c')).toBeUndefined();
  });
});
