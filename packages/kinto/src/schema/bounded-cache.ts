/** A map that keeps at most `maxEntries` entries and `maxWeight` total weight, dropping the least recently used. */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  /** Stores `value`; an entry heavier than `maxWeight` alone is not kept. */
  set(key: K, value: V, weight?: number): void;
  readonly size: number;
}

/** A least-recently-used cache (a `Map` keeps insertion order: a hit is moved to the end). */
export function createBoundedCache<K, V>(
  maxEntries: number,
  maxWeight = Number.POSITIVE_INFINITY,
): BoundedCache<K, V> {
  const entries = new Map<K, { value: V; weight: number }>();
  let totalWeight = 0;
  const evictOldest = () => {
    const oldest = entries.keys().next();
    if (oldest.done) return;
    totalWeight -= entries.get(oldest.value)!.weight;
    entries.delete(oldest.value);
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, weight = 1) {
      const previous = entries.get(key);
      if (previous) {
        totalWeight -= previous.weight;
        entries.delete(key);
      }
      if (weight > maxWeight) return;
      entries.set(key, { value, weight });
      totalWeight += weight;
      while (entries.size > maxEntries || totalWeight > maxWeight) evictOldest();
    },
    get size() {
      return entries.size;
    },
  };
}
