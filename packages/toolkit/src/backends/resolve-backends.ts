import type { Backends, CacheBackend, PermissionBackend, StorageBackend } from '@core/contracts';
import { SettingsError } from '../settings/settings-error.ts';
import { MEMORY_BACKEND, type ToolkitSettings } from '../settings/toolkit-settings.ts';
import type { BackendFactories, BackendImporter } from './backend-factories.ts';
import { memoryBackendFactories } from './memory.ts';

type Role = 'storage' | 'permission' | 'cache';

const FACTORY_OF = {
  storage: 'createStorageFromSettings',
  permission: 'createPermissionFromSettings',
  cache: 'createCacheFromSettings',
} as const satisfies Record<Role, keyof BackendFactories>;

/** Names that select the built-in memory backends (Kinto's module names included). */
const MEMORY_ALIASES: ReadonlySet<string> = new Set([
  MEMORY_BACKEND,
  'memory',
  'kinto.core.storage.memory',
  'kinto.core.permission.memory',
  'kinto.core.cache.memory',
]);

const FACTORY_NAMES = Object.values(FACTORY_OF) as string[];

/** The default importer: a dynamic `import()` of the package name. */
export const importPackage: BackendImporter = (name) => import(/* @vite-ignore */ name);

function hasFactories(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    [...FACTORY_NAMES, 'createBackendsFromSettings'].some(
      (name) => typeof (value as Record<string, unknown>)[name] === 'function',
    )
  );
}

function factoriesOf(module: unknown): BackendFactories | undefined {
  if (hasFactories(module)) return module as BackendFactories;
  const fallback =
    typeof module === 'object' && module !== null ? (module as { default?: unknown }).default : undefined;
  return hasFactories(fallback) ? (fallback as BackendFactories) : undefined;
}

function packageName(settings: Readonly<ToolkitSettings>, role: Role): string {
  const setting = `${role}_backend`;
  const value = settings[setting];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SettingsError(
      setting,
      'the name of a backend package',
      `Invalid setting "${setting}": expected the name of a backend package (e.g. ${MEMORY_BACKEND}), got ${JSON.stringify(value)}`,
    );
  }
  const name = value.trim();
  return MEMORY_ALIASES.has(name) ? MEMORY_BACKEND : name;
}

function requireBackend<T>(value: unknown, role: Role, name: string, factory: string): T {
  if (typeof value !== 'object' || value === null) {
    throw new SettingsError(
      `${role}_backend`,
      'a backend package',
      `Invalid setting "${role}_backend": ${factory}() of package "${name}" returned no ${role} backend`,
    );
  }
  return value as T;
}

/**
 * Builds the storage, permission and cache backends named by the settings `storage_backend`,
 * `permission_backend` and `cache_backend` (npm package names; default `@core/storage-memory`).
 *
 * Each package is loaded with `importer` (once per name) and must export the factories of
 * {@link BackendFactories}: `createStorageFromSettings`, `createPermissionFromSettings`,
 * `createCacheFromSettings`. When storage and permission name the same package and it exports
 * `createBackendsFromSettings`, that builds both (one joint `transaction`), and the cache too when
 * `cache_backend` names that package. Otherwise `transaction` is absent.
 *
 * `@core/storage-memory`, `memory` and Kinto's `kinto.core.{storage,permission,cache}.memory`
 * select the built-in memory backends without importing anything.
 *
 * @throws {SettingsError} naming the setting and the package, when a name is empty, a package
 * cannot be imported, or it lacks the factory needed.
 */
export async function resolveBackends(
  settings: Readonly<ToolkitSettings>,
  importer: BackendImporter = importPackage,
): Promise<Backends> {
  const loaded = new Map<string, Promise<BackendFactories>>();
  const load = (role: Role, name: string): Promise<BackendFactories> => {
    let pending = loaded.get(name);
    if (!pending) {
      pending =
        name === MEMORY_BACKEND ? Promise.resolve(memoryBackendFactories) : importFactories(name, importer);
      loaded.set(name, pending);
    }
    return pending.catch((cause: unknown) => {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new SettingsError(
        `${role}_backend`,
        'an installed backend package',
        `Invalid setting "${role}_backend": cannot load backend package "${name}" (${reason})`,
        { cause },
      );
    });
  };
  const build = async <T>(role: Role, name: string): Promise<T> => {
    const factories = await load(role, name);
    const factory = factories[FACTORY_OF[role]] as ((s: Readonly<ToolkitSettings>) => unknown) | undefined;
    if (typeof factory !== 'function') {
      throw new SettingsError(
        `${role}_backend`,
        `a package exporting ${FACTORY_OF[role]}()`,
        `Invalid setting "${role}_backend": package "${name}" does not export ${FACTORY_OF[role]}()`,
      );
    }
    return requireBackend<T>(await factory.call(factories, settings), role, name, FACTORY_OF[role]);
  };

  const storageName = packageName(settings, 'storage');
  const permissionName = packageName(settings, 'permission');
  const cacheName = packageName(settings, 'cache');

  if (storageName === permissionName) {
    const factories = await load('storage', storageName);
    if (typeof factories.createBackendsFromSettings === 'function') {
      const joint = requireBackend<Backends>(
        await factories.createBackendsFromSettings(settings),
        'storage',
        storageName,
        'createBackendsFromSettings',
      );
      const cache =
        cacheName === storageName && joint.cache
          ? joint.cache
          : await build<CacheBackend>('cache', cacheName);
      return { ...joint, cache };
    }
  }
  const [storage, permission, cache] = await Promise.all([
    build<StorageBackend>('storage', storageName),
    build<PermissionBackend>('permission', permissionName),
    build<CacheBackend>('cache', cacheName),
  ]);
  return { storage, permission, cache };
}

async function importFactories(name: string, importer: BackendImporter): Promise<BackendFactories> {
  const module = await importer(name);
  const factories = factoriesOf(module);
  if (!factories) {
    throw new Error(`it exports none of ${[...FACTORY_NAMES, 'createBackendsFromSettings'].join(', ')}`);
  }
  return factories;
}
