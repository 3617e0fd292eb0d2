import { describe, expect, it } from 'vitest';
import { cacheIncrementGroup } from './increment.ts';
import { cachePrefixesGroup } from './prefixes.ts';
import { cacheGroups, withCacheDefaults } from './suite.ts';

describe('cache groups', () => {
  const cases = cacheGroups.flatMap((group) => group.cases);

  it('hold at least 25 cases, each named after a spec id, names unique', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const testCase of cases) expect(testCase.name).toMatch(/^F-TK-CACHE /);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('mark every prefix case with the prefixes capability', () => {
    expect(cachePrefixesGroup.cases.every((c) => c.requires === 'prefixes')).toBe(true);
  });

  it('mark the increment cases with the increment capability (the optional method)', () => {
    const requires = cacheIncrementGroup.cases.map((c) => c.requires);
    expect(requires.filter((r) => r === 'increment').length).toBe(requires.length - 1);
    expect(requires.at(-1)).toBe('prefixes');
  });

  it('turn the prefixes capability off when there is no createWithPrefix hook', () => {
    const create = () => {
      throw new Error('not called');
    };
    expect(withCacheDefaults({ create }).capabilities).toEqual({ prefixes: false });
    expect(withCacheDefaults({ create, createWithPrefix: create }).capabilities).toBeUndefined();
    expect(withCacheDefaults({ create, capabilities: { prefixes: true } }).capabilities).toEqual({
      prefixes: true,
    });
  });
});
