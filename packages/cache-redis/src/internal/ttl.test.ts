import { describe, expect, it } from 'vitest';
import { ttlToMilliseconds } from './ttl.ts';

describe('ttlToMilliseconds', () => {
  it('rounds down to whole milliseconds, at least 1', () => {
    expect(ttlToMilliseconds(42)).toBe(42_000);
    expect(ttlToMilliseconds(0.15)).toBe(150);
    expect(ttlToMilliseconds(0.0015)).toBe(1);
    expect(ttlToMilliseconds(0.0001)).toBe(1);
  });

  it('caps huge TTLs at a value Redis accepts', () => {
    expect(ttlToMilliseconds(1e300)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects TTLs that are not positive finite numbers', () => {
    for (const ttl of [0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) {
      expect(() => ttlToMilliseconds(ttl)).toThrow(TypeError);
    }
  });
});
