import { registerGroups, storageFiltersGroup, storageSortingGroup } from '@core/conformance';
import { createMemoryStorage } from './storage.ts';

registerGroups('memory storage: queries', [storageFiltersGroup, storageSortingGroup], { create: () => createMemoryStorage() });
