import { describe, expect, it } from 'vitest';
import { permissionGroups } from './suite.ts';
import { permissionTransactionsGroup } from './transactions.ts';

describe('permission groups', () => {
  const cases = permissionGroups.flatMap((group) => group.cases);

  it('hold at least 45 cases, each named after a spec id, names unique', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    for (const testCase of cases) expect(testCase.name).toMatch(/^F-[A-Z-]+(-\d+)? /);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('mark every transaction case with the transactions capability', () => {
    expect(permissionTransactionsGroup.cases.every((c) => c.requires === 'transactions')).toBe(true);
    const others = permissionGroups.filter((g) => g !== permissionTransactionsGroup).flatMap((g) => g.cases);
    expect(others.every((c) => c.requires === undefined)).toBe(true);
  });
});
