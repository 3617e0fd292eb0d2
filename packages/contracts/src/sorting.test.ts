import { describe, expect, it } from 'vitest';
import { effectiveSort } from './sorting.ts';

describe('effectiveSort', () => {
  it('F-SORT-01 no criteria: last_modified descending, then id ascending', () => {
    const expected = [
      { field: 'last_modified', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ];
    expect(effectiveSort(undefined)).toEqual(expected);
    expect(effectiveSort([])).toEqual(expected);
  });

  it('F-SORT-01 requested criteria come first, id ascending breaks ties unless already a criterion', () => {
    expect(effectiveSort([{ field: 'title', direction: 'asc' }])).toEqual([
      { field: 'title', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
    const withId = [
      { field: 'id', direction: 'desc' },
      { field: 'title', direction: 'asc' },
    ] as const;
    expect(effectiveSort(withId)).toEqual(withId);
  });
});
