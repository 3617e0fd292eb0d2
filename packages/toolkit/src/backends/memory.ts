import type { Backends, CacheBackend, PermissionBackend, StorageBackend } from '@core/contracts';
import {
  createMemoryBackends,
  createMemoryCache,
  createMemoryPermission,
  createMemoryStorage,
} from '@core/storage-memory';
import type { ToolkitSettings } from '../settings/toolkit-settings.ts';
import type { BackendFactories } from './backend-factories.ts';

function cacheOptions(settings: Readonly<ToolkitSettings>) {
  return { prefix: settings.cache_prefix, maxSizeBytes: settings.cache_max_size_bytes };
}

function deadlines(settings: Readonly<ToolkitSettings>) {
  return {
    lockTimeoutMs: settings.storage_lock_timeout_seconds * 1000,
    transactionTimeoutMs: settings.storage_transaction_timeout_seconds * 1000,
  };
}

/**
 * {@link BackendFactories} of `@core/storage-memory` (selected by the names `@core/storage-memory`,
 * `memory` and Kinto's `kinto.core.{storage,permission,cache}.memory`). Reads `readonly`,
 * `storage_lock_timeout_seconds`, `storage_transaction_timeout_seconds`, `cache_prefix` and `cache_max_size_bytes`.
 */
export const memoryBackendFactories = {
  createStorageFromSettings(settings: Readonly<ToolkitSettings>): StorageBackend {
    return createMemoryStorage({ readonly: settings.readonly, ...deadlines(settings) });
  },
  createPermissionFromSettings(settings: Readonly<ToolkitSettings>): PermissionBackend {
    return createMemoryPermission(deadlines(settings));
  },
  createCacheFromSettings(settings: Readonly<ToolkitSettings>): CacheBackend {
    return createMemoryCache(cacheOptions(settings));
  },
  createBackendsFromSettings(settings: Readonly<ToolkitSettings>): Backends {
    return createMemoryBackends({
      storage: { readonly: settings.readonly },
      cache: cacheOptions(settings),
      ...deadlines(settings),
    });
  },
} satisfies Required<BackendFactories>;
