import { describe, expect, it } from 'vitest';
import { effectiveLimit } from './limit.ts';

describe('effectiveLimit (§9.1)', () => {
  const defaults = { paginate_by: null, storage_max_fetch_size: 10_000 };

  it('F-PAG-01 without _limit: storage_max_fetch_size, or paginate_by when set', () => {
    expect(effectiveLimit(null, defaults)).toBe(10_000);
    expect(effectiveLimit(null, { ...defaults, paginate_by: 20 })).toBe(20);
  });

  it('F-PAG-01 _limit=0 counts as absent', () => {
    expect(effectiveLimit(0, defaults)).toBe(10_000);
    expect(effectiveLimit(0, { ...defaults, paginate_by: 20 })).toBe(20);
  });

  it('F-PAG-01 _limit is capped by paginate_by, then by storage_max_fetch_size', () => {
    expect(effectiveLimit(5, defaults)).toBe(5);
    expect(effectiveLimit(50, { ...defaults, paginate_by: 20 })).toBe(20);
    expect(effectiveLimit(15, { ...defaults, paginate_by: 20 })).toBe(15);
    expect(effectiveLimit(50_000, defaults)).toBe(10_000);
    expect(
      effectiveLimit(Number.MAX_SAFE_INTEGER, { paginate_by: 50_000, storage_max_fetch_size: 100 }),
    ).toBe(100);
    expect(effectiveLimit(null, { paginate_by: 500, storage_max_fetch_size: 100 })).toBe(100);
  });
});
