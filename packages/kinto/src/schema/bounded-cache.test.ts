import { describe, expect, it } from 'vitest';
import { createBoundedCache } from './bounded-cache.ts';

describe('bounded cache', () => {
  it('F-KIN-SCH-01 keeps at most N entries, evicting the least recently used', () => {
    const cache = createBoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('F-KIN-SCH-01 keeps at most a total weight; an entry heavier than it is not kept', () => {
    const cache = createBoundedCache<string, number>(10, 100);
    cache.set('a', 1, 60);
    cache.set('b', 2, 60);
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', 3, 101);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });
});
