import type { CacheBackend } from '@core/contracts';
import { type ConformanceGroup, defineGroup, type SuiteHooks } from '../harness.ts';

/**
 * Optional abilities of a cache backend. A capability set to `false` skips the cases that need it;
 * each skip shows in the test report with the capability name.
 */
export type CacheCapabilities = {
  /**
   * Several caches with different prefixes over one store (default: `true` when `createWithPrefix`
   * is given; the cases needing it are skipped without that hook).
   */
  readonly prefixes?: boolean;
  /**
   * The optional `increment` method (default `true`). Set it to `false` for a cache without it: the
   * increment cases are skipped (callers fall back to `get` + `set`, which can lose increments).
   */
  readonly increment?: boolean;
};

/** Options of the cache suites. */
export interface CacheConformanceOptions extends SuiteHooks<CacheBackend> {
  readonly capabilities?: CacheCapabilities;
  /**
   * A cache with the given key prefix over the same store as the backends `create` returns. Each
   * case calling it flushes and closes the caches it made.
   */
  readonly createWithPrefix?: (prefix: string) => CacheBackend | Promise<CacheBackend>;
}

/** A group of cache cases. */
export type CacheGroup = ConformanceGroup<CacheBackend, CacheConformanceOptions>;

/** Defines a group of cache cases. */
export function defineCacheGroup(
  name: string,
  body: Parameters<typeof defineGroup<CacheBackend, CacheConformanceOptions>>[1],
): CacheGroup {
  return defineGroup<CacheBackend, CacheConformanceOptions>(name, body);
}
