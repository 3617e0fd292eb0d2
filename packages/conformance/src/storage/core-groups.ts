import { storageConcurrencyGroup } from './concurrency.ts';
import { storageCrudGroup } from './crud.ts';
import type { StorageGroup } from './options.ts';
import { storagePurgeGroup } from './purge.ts';
import { storageTimestampsGroup } from './timestamps.ts';
import { storageTombstonesGroup } from './tombstones.ts';
import { storageTransactionsGroup } from './transactions.ts';
import { storageTrimGroup } from './trim.ts';
import { storageWildcardsGroup } from './wildcards.ts';

export { storageConcurrencyGroup } from './concurrency.ts';
export { storageCrudGroup } from './crud.ts';
export { storagePurgeGroup } from './purge.ts';
export { storageTimestampsGroup } from './timestamps.ts';
export { storageTombstonesGroup } from './tombstones.ts';
export { storageTransactionsGroup } from './transactions.ts';
export { storageTrimGroup } from './trim.ts';
export { storageWildcardsGroup } from './wildcards.ts';

/** The core storage groups: CRUD, timestamps, tombstones, purge, trim, wildcards, concurrency, transactions. */
export const coreStorageGroups: readonly StorageGroup[] = [
  storageCrudGroup,
  storageTimestampsGroup,
  storageTombstonesGroup,
  storagePurgeGroup,
  storageTrimGroup,
  storageWildcardsGroup,
  storageConcurrencyGroup,
  storageTransactionsGroup,
];
