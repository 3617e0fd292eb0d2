import type { Backends, CacheBackend, PermissionBackend, StorageBackend } from '@core/contracts';
import type { ToolkitSettings } from '../settings/toolkit-settings.ts';

/** A value, or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What a backend package exports so that settings can select it by name
 * (`storage_backend = @acme/kinto-postgres`). Each factory receives all the parsed settings and
 * reads its own (`storage_url`, `storage_pool_size`, `cache_prefix`, `readonly`, ...). A package
 * exports the factories of the backends it provides; the exports may also sit on the module's
 * `default` export.
 */
export interface BackendFactories {
  /** The storage backend, for `storage_backend`. */
  createStorageFromSettings?(settings: Readonly<ToolkitSettings>): Awaitable<StorageBackend>;
  /** The permission backend, for `permission_backend`. */
  createPermissionFromSettings?(settings: Readonly<ToolkitSettings>): Awaitable<PermissionBackend>;
  /** The cache backend, for `cache_backend`. */
  createCacheFromSettings?(settings: Readonly<ToolkitSettings>): Awaitable<CacheBackend>;
  /**
   * Storage, permission and cache built together, with a joint `transaction`. Used instead of the
   * separate factories when `storage_backend` and `permission_backend` name this package (so that
   * both share one transaction); its cache is used when `cache_backend` names it too.
   */
  createBackendsFromSettings?(
    settings: Readonly<ToolkitSettings>,
  ): Awaitable<Omit<Backends, 'cache'> & { readonly cache?: CacheBackend }>;
}

/**
 * Loads a backend package by name; by default a dynamic `import(name)`. Pass your own to bundle
 * backends statically (edge runtimes) or to test.
 */
export type BackendImporter = (name: string) => Promise<unknown>;
