import { coreStorageGroups, registerGroups } from '@core/conformance';
import { memoryStorageOptions } from './storage.test-options.ts';

registerGroups('memory storage', coreStorageGroups, memoryStorageOptions);
