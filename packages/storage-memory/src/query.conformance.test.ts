import {
  registerGroups,
  storageFiltersGroup,
  storagePaginationGroup,
  storageSortingGroup,
} from '@core/conformance';
import { createMemoryStorage } from './storage.ts';

registerGroups(
  'memory storage: queries',
  [storageFiltersGroup, storageSortingGroup, storagePaginationGroup],
  {
    create: () => createMemoryStorage(),
  },
);
