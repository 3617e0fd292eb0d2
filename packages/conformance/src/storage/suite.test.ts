import { describe, expect, it } from 'vitest';
import { storageGroups } from './suite.ts';

describe('storage groups', () => {
  const cases = storageGroups.flatMap((group) =>
    group.cases.map((testCase) => ({ group: group.name, ...testCase })),
  );

  it('hold at least 200 cases with unique names per group, each citing a spec feature id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const group of storageGroups) {
      const names = group.cases.map((testCase) => testCase.name);
      expect(new Set(names).size, `duplicate names in ${group.name}`).toBe(names.length);
    }
    for (const testCase of cases) expect(testCase.name, testCase.group).toMatch(/^F-[A-Z]+(-[A-Z0-9]+)* /);
  });

  it('only use the documented capabilities', () => {
    const used = new Set(cases.flatMap((testCase) => (testCase.requires ? [testCase.requires] : [])));
    expect([...used].sort()).toEqual(['concurrency', 'readonly', 'transactions']);
  });
});
