import type { JsonObject, Scope, StorageBackend } from '@core/contracts';
import { type ConformanceGroup, defineGroup, type SuiteHooks } from '../harness.ts';

/**
 * Optional abilities of a storage backend. A capability set to `false` skips the cases that need it;
 * each skip shows in the test report with the capability name.
 */
export type StorageCapabilities = {
  /** `transaction(fn)` commits on resolve and rolls back on rejection (default `true`). */
  readonly transactions?: boolean;
  /** Heavy concurrency cases (1,000 concurrent creates...) (default `true`). */
  readonly concurrency?: boolean;
  /** `resourceTimestamp` on a read-only instance (needs `readonlyView`) (default `true`). */
  readonly readonly?: boolean;
};

/** Direct access to what the backend really stored, bypassing its API. */
export interface StorageInspector {
  /** The live object or tombstone stored for `id` in `scope`, or `undefined` when there is none. */
  rawObject?(backend: StorageBackend, scope: Scope, id: string): Promise<JsonObject | undefined>;
  /** The stored list timestamp of `scope`, or `undefined` when none is stored. */
  rawTimestamp?(backend: StorageBackend, scope: Scope): Promise<number | undefined>;
}

/** Options of the storage suites. */
export interface StorageConformanceOptions extends SuiteHooks<StorageBackend> {
  readonly capabilities?: StorageCapabilities;
  readonly inspect?: StorageInspector;
  /** A read-only instance over the same data as `backend` (for `ReadonlyError` cases). */
  readonly readonlyView?: (backend: StorageBackend) => StorageBackend | Promise<StorageBackend>;
}

/** A group of storage cases. */
export type StorageGroup = ConformanceGroup<StorageBackend, StorageConformanceOptions>;

/** Defines a group of storage cases. */
export function defineStorageGroup(
  name: string,
  body: Parameters<typeof defineGroup<StorageBackend, StorageConformanceOptions>>[1],
): StorageGroup {
  return defineGroup<StorageBackend, StorageConformanceOptions>(name, body);
}
