import { describe, expect, it } from 'vitest';
import { copyJson } from './copy.ts';

describe('copyJson', () => {
  it('copies objects and arrays deeply, keeping key order and values', () => {
    const value = { b: 1, a: [1, 'two', null, true, { c: [] }], d: { e: { f: 'g' } }, u: undefined };
    const copy = copyJson(value);
    expect(copy).toStrictEqual(value);
    expect(Object.keys(copy)).toEqual(['b', 'a', 'd', 'u']);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[4]).not.toBe(value.a[4]);
    expect(copy.d.e).not.toBe(value.d.e);
  });

  it('returns primitives as they are', () => {
    for (const value of [null, undefined, 0, -1.5, '', 'text', true, false])
      expect(copyJson(value)).toBe(value);
  });

  it('makes a plain object of a null-prototype one', () => {
    const value = Object.assign(Object.create(null), { a: 1 });
    const copy = copyJson(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual({ a: 1 });
  });

  it('copies an own __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const copy = copyJson(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips inherited properties', () => {
    const value = Object.create({ inherited: 1 });
    expect(copyJson({ value }).value).toEqual({});
  });

  it('hands other values to structuredClone', () => {
    const date = new Date(0);
    const copy = copyJson({ date, map: new Map([[1, 2]]) });
    expect(copy.date).toBeInstanceOf(Date);
    expect(copy.date).not.toBe(date);
    expect(copy.map.get(1)).toBe(2);
  });

  it('copes with very deep and cyclic values', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 1_000; i++) {
      const child = {};
      deep.child = child;
      deep = child;
    }
    expect(copyJson(root)).toEqual(root);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const copy = copyJson(cyclic);
    expect((copy.self as Record<string, unknown>).name).toBe('loop');
  });
});
