import { storageConformance } from '@core/conformance';
import { memoryStorageOptions } from './storage.test-options.ts';

storageConformance(memoryStorageOptions);
