import type { JsonValue } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { codePointSortable, compareJson, compareStrings, jsonEquals, typeRank } from './json-order.ts';

describe('compareStrings', () => {
  it('orders by code point, not UTF-16 unit', () => {
    expect(compareStrings('\u{1F600}', '\uFFFF')).toBe(1);
    expect(compareStrings('\uE000', '\u{10000}')).toBe(-1);
    expect('\u{1F600}' < '\uFFFF').toBe(true); // what plain JS would get wrong
    expect(compareStrings('B', 'a')).toBe(-1);
    expect(compareStrings('z', 'é')).toBe(-1);
    expect(compareStrings('ab', 'abc')).toBe(-1);
    expect(compareStrings('abc', 'abc')).toBe(0);
    expect(compareStrings('\u{1F600}', '\u{1F601}')).toBe(-1);
  });
});

describe('compareJson', () => {
  const ascending: (JsonValue | undefined)[] = [
    null,
    '',
    'a',
    -1,
    0,
    2.5,
    10,
    false,
    true,
    [],
    [1],
    {},
    { a: 1 },
    undefined,
  ];

  it('follows the cross-type order', () => {
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        expect(Math.sign(compareJson(ascending[i], ascending[j])), `${i} vs ${j}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('ranks types', () => {
    expect([null, 's', 1, true, [], {}, undefined].map(typeRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('is consistent with deep equality for arrays and objects', () => {
    expect(compareJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(0);
    expect(compareJson([1, 2], [2, 1])).not.toBe(0);
    expect(Math.sign(compareJson([1, 2], [2, 1]))).toBe(-Math.sign(compareJson([2, 1], [1, 2])));
    expect(compareJson({ a: 1 }, { b: 1 })).not.toBe(0);
    expect(compareJson({ a: 1 }, { a: 2 })).toBeLessThan(0);
  });
});

describe('jsonEquals', () => {
  it('is type-sensitive and ignores key order', () => {
    expect(jsonEquals(1, '1')).toBe(false);
    expect(jsonEquals(0, false)).toBe(false);
    expect(jsonEquals(null, undefined)).toBe(false);
    expect(jsonEquals({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEquals({ a: undefined } as never, { b: undefined } as never)).toBe(false);
    expect(jsonEquals([], {})).toBe(false);
    expect(jsonEquals([1, 2], [2, 1])).toBe(false);
  });
});

describe('codePointSortable', () => {
  it('makes plain < agree with code point order', () => {
    const alphabet = ['a', 'Z', '\uD7FF', '\uE000', '\uFFFF', '\u{10000}', '\u{1F600}', '\u{10FFFF}', 'é'];
    const strings: string[] = [''];
    for (const a of alphabet) for (const b of alphabet) strings.push(a, a + b);
    for (const x of strings) {
      for (const y of strings) {
        const [sx, sy] = [codePointSortable(x), codePointSortable(y)];
        const native = sx < sy ? -1 : sx > sy ? 1 : 0;
        expect(native, `${JSON.stringify(x)} vs ${JSON.stringify(y)}`).toBe(compareStrings(x, y));
      }
    }
  });

  it('returns plain strings unchanged', () => {
    const text = 'plain ascii é ü';
    expect(codePointSortable(text)).toBe(text);
  });
});
