import { isCoreError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { prng as random } from '../testing/prng.ts';
import { parseListQuery } from './list-query.ts';

const PREFIXES = [
  '',
  'eq_',
  'not_',
  'lt_',
  'gt_',
  'min_',
  'max_',
  'in_',
  'exclude_',
  'like_',
  'has_',
  'contains_',
  'contains_any_',
  'madmax_',
];
const FIELDS = [
  'id',
  'last_modified',
  'title',
  'author.name',
  'deleted',
  'a.b.c',
  '__proto__',
  'constructor',
  'títle',
  'x y',
  'f\u0000',
  '',
];
const SPECIAL = ['_since', '_before', '_to', '_limit', '_sort', '_fields', '_token', '_unknown', '_'];
const VALUES = [
  '',
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1.5',
  '1e400',
  '123',
  '"123"',
  '"123',
  "'1'",
  '[1,2]',
  '[',
  '{"a":1}',
  '{',
  '"\\u0000"',
  '\u0000',
  'a,b,c',
  '1,2,3',
  ',,',
  '9223372036854775808',
  '99999999999999999999999999999',
  'NaN',
  '😀',
  '\ud800',
  'é,ü',
  '-last_modified,title',
  ' ',
  '[[[[[[[[[[]]]]]]]]]]',
  '{"__proto__":{"x":1}}',
  'a*b',
  '%',
];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function randomText(next: () => number): string {
  const length = Math.floor(next() * 12);
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const roll = next();
    text +=
      roll < 0.6
        ? String.fromCharCode(32 + Math.floor(next() * 95))
        : String.fromCodePoint(Math.floor(next() * 0x10ffff));
  }
  return text;
}

function randomQuery(next: () => number): URLSearchParams {
  const query = new URLSearchParams();
  const count = 1 + Math.floor(next() * 5);
  for (let index = 0; index < count; index += 1) {
    const name = next() < 0.25 ? pick(next, SPECIAL) : `${pick(next, PREFIXES)}${pick(next, FIELDS)}`;
    const value =
      next() < 0.6
        ? pick(next, VALUES)
        : next() < 0.5
          ? randomText(next)
          : String(Math.floor(next() * 2 ** 53) * 10 ** Math.floor(next() * 10));
    query.append(name, value);
  }
  return query;
}

describe('parseListQuery on random query strings', () => {
  it('F-FLT-01 F-FLT-02 F-SYNC-01 F-PAG-01 2,000 random queries either parse or give the 400, nothing else', () => {
    const next = random(20240611);
    let refused = 0;
    for (let run = 0; run < 2000; run += 1) {
      const query = randomQuery(next);
      const strict = next() < 0.3 ? { fields: ['title', 'author'] } : undefined;
      const method = pick(next, ['GET', 'HEAD', 'DELETE'] as const);
      try {
        const parsed = parseListQuery(query, {
          now: 1_700_000_000_000,
          method,
          ...(strict ? { strict } : {}),
        });
        expect(parsed.sort.some((criterion) => criterion.field === 'last_modified')).toBe(true);
        expect(parsed.limit === null || Number.isSafeInteger(parsed.limit)).toBe(true);
        for (const filter of parsed.filters) {
          if (filter.field === 'id' && filter.operator !== 'has') {
            const values = Array.isArray(filter.value) ? filter.value : [filter.value];
            expect(values.every((value) => typeof value === 'string')).toBe(true);
          }
          expect(() => JSON.stringify(filter)).not.toThrow();
        }
      } catch (error) {
        const ok = isCoreError(error, 'HTTP_ERROR') && error.status === 400 && error.errno === 107;
        if (!ok) throw new Error(`run ${run}: ${query.toString()} threw ${String(error)}`);
        refused += 1;
      }
    }
    // Both outcomes must be exercised, or the generator is too tame.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(1900);
  });
});
