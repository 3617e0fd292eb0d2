import { registerGroups } from '../harness.ts';
import { storageConcurrencyGroup } from './concurrency.ts';
import { storageCountsGroup } from './counts.ts';
import { storageCrudGroup } from './crud.ts';
import { storageFiltersGroup } from './filters.ts';
import type { StorageConformanceOptions, StorageGroup } from './options.ts';
import { storagePaginationGroup } from './pagination.ts';
import { storagePurgeGroup } from './purge.ts';
import { storageReadModifyWriteGroup } from './read-modify-write.ts';
import { storageSortingGroup } from './sorting.ts';
import { storageTimestampsGroup } from './timestamps.ts';
import { storageTombstonesGroup } from './tombstones.ts';
import { storageTransactionsGroup } from './transactions.ts';
import { storageTrimGroup } from './trim.ts';
import { storageWildcardsGroup } from './wildcards.ts';

const SUITE = 'storage conformance';

/** Every storage group, in registration order. */
export const storageGroups: readonly StorageGroup[] = [
  storageCrudGroup,
  storageTimestampsGroup,
  storageTombstonesGroup,
  storageFiltersGroup,
  storageSortingGroup,
  storagePaginationGroup,
  storagePurgeGroup,
  storageTrimGroup,
  storageWildcardsGroup,
  storageConcurrencyGroup,
  storageTransactionsGroup,
  storageReadModifyWriteGroup,
  storageCountsGroup,
];

/**
 * `options` with capability `readonly` turned off when there is no `readonlyView` hook (unless set
 * explicitly), so the cases needing it show as skipped instead of failing.
 */
export function withStorageDefaults(options: StorageConformanceOptions): StorageConformanceOptions {
  if (options.readonlyView || options.capabilities?.readonly !== undefined) return options;
  return { ...options, capabilities: { ...options.capabilities, readonly: false } };
}

function register(groups: readonly StorageGroup[], options: StorageConformanceOptions): void {
  registerGroups(SUITE, groups, withStorageDefaults(options));
}

/** Registers every storage group with vitest (call it at the top level of a test file). */
export function storageConformance(options: StorageConformanceOptions): void {
  register(storageGroups, options);
}

/** Registers the CRUD group: create, get, update, delete, copies, ids and values of every kind. */
export function storageCrudConformance(options: StorageConformanceOptions): void {
  register([storageCrudGroup], options);
}

/** Registers the timestamps group: list timestamps, bumps, requested values. */
export function storageTimestampsConformance(options: StorageConformanceOptions): void {
  register([storageTimestampsGroup], options);
}

/** Registers the tombstones group: deletes, `deleteAll`, listings with tombstones. */
export function storageTombstonesConformance(options: StorageConformanceOptions): void {
  register([storageTombstonesGroup], options);
}

/** Registers the filters group: every operator, every JSON type, missing fields. */
export function storageFiltersConformance(options: StorageConformanceOptions): void {
  register([storageFiltersGroup], options);
}

/** Registers the sorting group: multi-key, nested, cross-type order. */
export function storageSortingConformance(options: StorageConformanceOptions): void {
  register([storageSortingGroup], options);
}

/** Registers the pagination group: keyset walks that never skip nor repeat, parent scoping. */
export function storagePaginationConformance(options: StorageConformanceOptions): void {
  register([storagePaginationGroup], options);
}

/** Registers the purge group: tombstone purges that never touch live objects. */
export function storagePurgeConformance(options: StorageConformanceOptions): void {
  register([storagePurgeGroup], options);
}

/** Registers the trim group: `trimObjects`. */
export function storageTrimConformance(options: StorageConformanceOptions): void {
  register([storageTrimGroup], options);
}

/** Registers the wildcards group: `*` parents and `resource: null`. */
export function storageWildcardsConformance(options: StorageConformanceOptions): void {
  register([storageWildcardsGroup], options);
}

/** Registers the concurrency group (capability `concurrency`). */
export function storageConcurrencyConformance(options: StorageConformanceOptions): void {
  register([storageConcurrencyGroup], options);
}

/**
 * Registers the read-modify-write group (capability `transactions`): `forUpdate` reads make merges
 * lose nothing and conditional writes admit one winner under concurrency.
 */
export function storageReadModifyWriteConformance(options: StorageConformanceOptions): void {
  register([storageReadModifyWriteGroup], options);
}

/** Registers the transactions group (capability `transactions`). */
export function storageTransactionsConformance(options: StorageConformanceOptions): void {
  register([storageTransactionsGroup], options);
}
