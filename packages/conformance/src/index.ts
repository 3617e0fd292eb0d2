export { cacheBasicsGroup } from './cache/basics.ts';
export { cacheDeleteGroup } from './cache/delete.ts';
export { cacheExpireGroup } from './cache/expire.ts';
export { cacheFlushGroup } from './cache/flush.ts';
export { cacheIncrementGroup } from './cache/increment.ts';
export {
  type CacheCapabilities,
  type CacheConformanceOptions,
  type CacheGroup,
  defineCacheGroup,
} from './cache/options.ts';
export { cachePrefixesGroup } from './cache/prefixes.ts';
export {
  cacheBasicsConformance,
  cacheConformance,
  cacheDeleteConformance,
  cacheExpireConformance,
  cacheFlushConformance,
  cacheGroups,
  cacheIncrementConformance,
  cachePrefixesConformance,
  cacheTtlConformance,
  withCacheDefaults,
} from './cache/suite.ts';
export { cacheTtlGroup } from './cache/ttl.ts';
export {
  type CaseResult,
  type ConformanceCase,
  type ConformanceGroup,
  defineGroup,
  registerGroups,
  runGroup,
  type SuiteHooks,
} from './harness.ts';
export { permissionAccessibleObjectsGroup } from './permission/accessible-objects.ts';
export { permissionAcesGroup } from './permission/aces.ts';
export { permissionChecksGroup } from './permission/checks.ts';
export { permissionLifecycleGroup } from './permission/lifecycle.ts';
export {
  definePermissionGroup,
  type PermissionCapabilities,
  type PermissionConformanceOptions,
  type PermissionGroup,
} from './permission/options.ts';
export { permissionPrincipalsGroup } from './permission/principals.ts';
export {
  permissionAccessibleObjectsConformance,
  permissionAcesConformance,
  permissionChecksConformance,
  permissionConformance,
  permissionGroups,
  permissionLifecycleConformance,
  permissionPrincipalsConformance,
  permissionTransactionsConformance,
  permissionWildcardsConformance,
} from './permission/suite.ts';
export { permissionTransactionsGroup } from './permission/transactions.ts';
export { permissionWildcardsGroup } from './permission/wildcards.ts';
export { storageConcurrencyGroup } from './storage/concurrency.ts';
export { storageCrudGroup } from './storage/crud.ts';
export { storageFiltersGroup } from './storage/filters.ts';
export {
  defineStorageGroup,
  type StorageCapabilities,
  type StorageConformanceOptions,
  type StorageGroup,
  type StorageInspector,
} from './storage/options.ts';
export { storagePaginationGroup } from './storage/pagination.ts';
export { storagePurgeGroup } from './storage/purge.ts';
export { storageReadModifyWriteGroup } from './storage/read-modify-write.ts';
export { storageSortingGroup } from './storage/sorting.ts';
export {
  storageConcurrencyConformance,
  storageConformance,
  storageCrudConformance,
  storageFiltersConformance,
  storageGroups,
  storagePaginationConformance,
  storagePurgeConformance,
  storageReadModifyWriteConformance,
  storageSortingConformance,
  storageTimestampsConformance,
  storageTombstonesConformance,
  storageTransactionsConformance,
  storageTrimConformance,
  storageWildcardsConformance,
  withStorageDefaults,
} from './storage/suite.ts';
export { storageTimestampsGroup } from './storage/timestamps.ts';
export { storageTombstonesGroup } from './storage/tombstones.ts';
export { storageTransactionsGroup } from './storage/transactions.ts';
export { storageTrimGroup } from './storage/trim.ts';
export { storageWildcardsGroup } from './storage/wildcards.ts';
export { jointTransactionGroup } from './transaction/joint.ts';
export {
  defineTransactionGroup,
  type TransactionalBackends,
  type TransactionConformanceOptions,
  type TransactionGroup,
} from './transaction/options.ts';
export { sharedListingGroup } from './transaction/shared-listing.ts';
export { transactionConformance } from './transaction/suite.ts';
