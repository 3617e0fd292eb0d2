import type { Filter, JsonObject } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { compileFilter, compileFilters } from './filters.ts';

const objects: Record<string, JsonObject> = {
  null: { v: null },
  str: { v: 'abc' },
  numstr: { v: '5' },
  five: { v: 5 },
  float: { v: 7.5 },
  true: { v: true },
  false: { v: false },
  arr: { v: [1, 'a', { k: 1 }] },
  obj: { v: { k: 1, j: [2] } },
  missing: {},
};

function select(filter: Filter): string[] {
  const predicate = compileFilter(filter);
  return Object.keys(objects).filter((name) => predicate(objects[name]!));
}

describe('compileFilter', () => {
  it('eq / not are type-sensitive and deep', () => {
    expect(select({ field: 'v', operator: 'eq', value: 5 })).toEqual(['five']);
    expect(select({ field: 'v', operator: 'eq', value: null })).toEqual(['null']);
    expect(select({ field: 'v', operator: 'eq', value: { j: [2], k: 1 } })).toEqual(['obj']);
    expect(select({ field: 'v', operator: 'not', value: '5' })).not.toContain('numstr');
    expect(select({ field: 'v', operator: 'not', value: '5' })).toContain('missing');
  });

  it('orders across types with missing last', () => {
    expect(select({ field: 'v', operator: 'gt', value: 5 })).toEqual([
      'float',
      'true',
      'false',
      'arr',
      'obj',
      'missing',
    ]);
    expect(select({ field: 'v', operator: 'lt', value: 5 })).toEqual(['null', 'str', 'numstr']);
    expect(select({ field: 'v', operator: 'max', value: 5 })).toEqual(['null', 'str', 'numstr', 'five']);
    expect(select({ field: 'v', operator: 'min', value: true })).toEqual(['true', 'arr', 'obj', 'missing']);
  });

  it('in / exclude', () => {
    expect(select({ field: 'v', operator: 'in', value: [5, 'abc', null, { k: 1, j: [2] }] })).toEqual([
      'null',
      'str',
      'five',
      'obj',
    ]);
    expect(select({ field: 'v', operator: 'in', value: [] })).toEqual([]);
    expect(select({ field: 'v', operator: 'exclude', value: [5, '5'] })).not.toContain('five');
    expect(select({ field: 'v', operator: 'exclude', value: [] })).toHaveLength(10);
  });

  it('like only matches strings', () => {
    expect(select({ field: 'v', operator: 'like', value: '' })).toEqual(['str', 'numstr']);
    expect(select({ field: 'v', operator: 'like', value: '5' })).toEqual(['numstr']);
  });

  it('has', () => {
    expect(select({ field: 'v', operator: 'has', value: false })).toEqual(['missing']);
    expect(select({ field: 'v', operator: 'has', value: true })).toHaveLength(9);
  });

  it('contains / contains_any compare elements deeply', () => {
    expect(select({ field: 'v', operator: 'contains', value: [{ k: 1 }, 1] })).toEqual(['arr']);
    expect(select({ field: 'v', operator: 'contains', value: [{}] })).toEqual([]);
    expect(select({ field: 'v', operator: 'contains', value: ['1'] })).toEqual([]);
    expect(select({ field: 'v', operator: 'contains', value: [] })).toEqual(['arr']);
    expect(select({ field: 'v', operator: 'contains_any', value: ['zz', 'a'] })).toEqual(['arr']);
    expect(select({ field: 'v', operator: 'contains_any', value: [] })).toEqual([]);
  });

  it('compares id as a string', () => {
    const predicate = compileFilter({ field: 'id', operator: 'eq', value: 12 });
    expect(predicate({ id: '12' })).toBe(true);
    expect(compileFilter({ field: 'id', operator: 'in', value: [12] })({ id: '12' })).toBe(true);
  });

  it('rejects unknown operators', () => {
    expect(() => compileFilter({ field: 'v', operator: 'near', value: 1 } as unknown as Filter)).toThrow(
      TypeError,
    );
  });
});

describe('compileFilters', () => {
  it('is a conjunction; no filters match everything', () => {
    expect(compileFilters(undefined)({})).toBe(true);
    expect(compileFilters([])({})).toBe(true);
    const both = compileFilters([
      { field: 'a', operator: 'eq', value: 1 },
      { field: 'b', operator: 'eq', value: 2 },
    ]);
    expect(both({ a: 1, b: 2 })).toBe(true);
    expect(both({ a: 1, b: 3 })).toBe(false);
  });
});
