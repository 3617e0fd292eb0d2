/** One cached value: its JSON text (a copy by construction), expiry and estimated size. */
export interface MemoryCacheEntry {
  readonly json: string;
  /** Epoch milliseconds at which the entry stops being visible. */
  expiresAt: number;
  /** Estimated bytes: UTF-8 length of the key plus that of the JSON text. */
  readonly size: number;
}

/** The entries of one prefix. Map order is set order (oldest first), which eviction relies on. */
export interface MemoryCacheNamespace {
  readonly entries: Map<string, MemoryCacheEntry>;
  /** Sum of the entries' `size`. */
  size: number;
}

/**
 * The memory behind one or more memory caches. Each prefix gets its own namespace, so caches with
 * different prefixes never see each other's keys, whatever the prefixes (`a` + `bkey` never meets
 * `ab` + `key`).
 */
export interface MemoryCacheStore {
  /** The namespace of `prefix`, created empty on first use. */
  namespace(prefix: string): MemoryCacheNamespace;
}

/** A store to share between memory caches (`createMemoryCache({ store, prefix })`). */
export function createMemoryCacheStore(): MemoryCacheStore {
  const namespaces = new Map<string, MemoryCacheNamespace>();
  return {
    namespace(prefix) {
      let namespace = namespaces.get(prefix);
      if (!namespace) {
        namespace = { entries: new Map(), size: 0 };
        namespaces.set(prefix, namespace);
      }
      return namespace;
    },
  };
}

/** Removes `key` from `namespace`, keeping the size total right; returns the removed entry. */
export function removeEntry(namespace: MemoryCacheNamespace, key: string): MemoryCacheEntry | undefined {
  const entry = namespace.entries.get(key);
  if (entry) {
    namespace.entries.delete(key);
    namespace.size -= entry.size;
  }
  return entry;
}

/**
 * Once the namespace exceeds `maxSizeBytes`: drops the expired entries, then the oldest-set ones,
 * until it holds at most 80 % of the bound. `keep` (the entry just set) is never dropped, so a value
 * larger than the whole bound is still stored, alone, until the next `set`.
 */
export function enforceSizeBound(
  namespace: MemoryCacheNamespace,
  maxSizeBytes: number,
  now: number,
  keep: string,
): void {
  if (namespace.size <= maxSizeBytes) return;
  for (const [key, entry] of namespace.entries) {
    if (now >= entry.expiresAt) removeEntry(namespace, key);
  }
  const target = maxSizeBytes * 0.8;
  for (const key of namespace.entries.keys()) {
    if (namespace.size <= target) break;
    if (key !== keep) removeEntry(namespace, key);
  }
}
