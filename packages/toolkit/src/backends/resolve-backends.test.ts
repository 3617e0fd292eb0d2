import type { Backends, CacheBackend, PermissionBackend, StorageBackend } from '@core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../settings/parse-settings.ts';
import { SettingsError } from '../settings/settings-error.ts';
import type { ToolkitSettings } from '../settings/toolkit-settings.ts';
import type { BackendImporter } from './backend-factories.ts';
import { resolveBackends } from './resolve-backends.ts';

const fakeStorage = (tag: string) => ({ name: `storage:${tag}` }) as unknown as StorageBackend;
const fakePermission = (tag: string) => ({ name: `permission:${tag}` }) as unknown as PermissionBackend;
const fakeCache = (tag: string) => ({ name: `cache:${tag}` }) as unknown as CacheBackend;

function importerOf(modules: Record<string, unknown>) {
  return vi.fn<BackendImporter>(async (name) => {
    if (name in modules) return modules[name];
    throw new Error(`Cannot find package '${name}'`);
  });
}

function rejection(promise: Promise<unknown>): Promise<SettingsError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (error instanceof SettingsError) return error;
      throw error;
    },
  );
}

describe('resolveBackends: memory', () => {
  it('F-TK-SET defaults to the memory backends, joint transaction, without importing', async () => {
    const importer = importerOf({});
    const backends = await resolveBackends(parseSettings({}), importer);
    expect(importer).not.toHaveBeenCalled();
    expect([backends.storage.name, backends.permission.name, backends.cache.name]).toEqual([
      'memory',
      'memory',
      'memory',
    ]);
    expect(backends.transaction).toBeTypeOf('function');
    // The transaction covers the resolved permission backend: a rolled back write is not visible.
    await expect(
      backends.transaction?.(async ({ permission }) => {
        await permission.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await backends.permission.getObjectPermissions('/buckets/b')).toEqual({});
  });

  it.each([
    ['kinto.core.storage.memory', 'kinto.core.permission.memory', 'kinto.core.cache.memory'],
    ['memory', 'memory', 'memory'],
  ])(
    'F-TK-SET Kinto memory names (%s, ...) select the memory backends',
    async (storage, permission, cache) => {
      const importer = importerOf({});
      const settings = parseSettings({
        storage_backend: storage,
        permission_backend: permission,
        cache_backend: cache,
      });
      const backends = await resolveBackends(settings, importer);
      expect(importer).not.toHaveBeenCalled();
      expect(backends.storage.name).toBe('memory');
      expect(backends.transaction).toBeTypeOf('function');
    },
  );

  it('F-TK-SET memory backends read readonly, cache_prefix and cache_max_size_bytes', async () => {
    const settings = parseSettings({ readonly: 'true', cache_prefix: 'p-', cache_max_size_bytes: '100' });
    const backends = await resolveBackends(settings);
    const scope = { resource: 'bucket', parent: '' };
    await expect(backends.storage.resourceTimestamp(scope)).rejects.toMatchObject({ name: 'ReadonlyError' });
    const writable = await resolveBackends(parseSettings({}));
    expect(await writable.storage.resourceTimestamp(scope)).toBeTypeOf('number');
    await backends.cache.set('big', 'x'.repeat(50), 60);
    await backends.cache.set('bigger', 'y'.repeat(80), 60);
    // The bound of 100 bytes evicted the older entry.
    expect(await backends.cache.get('big')).toBeUndefined();
    expect(await backends.cache.get('bigger')).toBe('y'.repeat(80));
  });
});

describe('resolveBackends: third-party packages', () => {
  it('F-TK-SET a package exporting the separate factories plugs in with no code change', async () => {
    const createStorageFromSettings = vi.fn((settings: Readonly<ToolkitSettings>) =>
      fakeStorage(settings.storage_url),
    );
    const importer = importerOf({
      '@acme/kinto-pg': {
        createStorageFromSettings,
        createPermissionFromSettings: async () => fakePermission('pg'),
      },
      '@acme/kinto-redis': { createCacheFromSettings: () => fakeCache('redis') },
    });
    const settings = parseSettings({
      'kinto.storage_backend': '@acme/kinto-pg',
      'kinto.storage_url': 'postgresql://db/kinto',
      'kinto.permission_backend': '@acme/kinto-pg',
      'kinto.cache_backend': '@acme/kinto-redis',
    });
    const backends = await resolveBackends(settings, importer);
    expect(backends.storage.name).toBe('storage:postgresql://db/kinto');
    expect(backends.permission.name).toBe('permission:pg');
    expect(backends.cache.name).toBe('cache:redis');
    expect(backends.transaction).toBeUndefined();
    expect(createStorageFromSettings).toHaveBeenCalledWith(settings);
    expect(importer.mock.calls.map(([name]) => name).sort()).toEqual(['@acme/kinto-pg', '@acme/kinto-redis']);
  });

  it('F-TK-SET storage and permission of one package with createBackendsFromSettings share its transaction and cache', async () => {
    const transaction = vi.fn();
    const joint: Backends = {
      storage: fakeStorage('joint'),
      permission: fakePermission('joint'),
      cache: fakeCache('joint'),
      transaction: transaction as unknown as Backends['transaction'],
    };
    const createBackendsFromSettings = vi.fn(async () => joint);
    const createStorageFromSettings = vi.fn(() => fakeStorage('separate'));
    const importer = importerOf({ '@acme/db': { createBackendsFromSettings, createStorageFromSettings } });
    const all = parseSettings({
      storage_backend: '@acme/db',
      permission_backend: '@acme/db',
      cache_backend: '@acme/db',
    });
    const backends = await resolveBackends(all, importer);
    expect(backends).toEqual(joint);
    expect(createBackendsFromSettings).toHaveBeenCalledTimes(1);
    expect(createStorageFromSettings).not.toHaveBeenCalled();
    expect(importer).toHaveBeenCalledTimes(1);

    const withMemoryCache = parseSettings({ storage_backend: '@acme/db', permission_backend: '@acme/db' });
    const mixed = await resolveBackends(withMemoryCache, importer);
    expect(mixed.storage.name).toBe('storage:joint');
    expect(mixed.transaction).toBe(transaction);
    expect(mixed.cache.name).toBe('memory');
  });

  it('F-TK-SET different storage and permission packages: separate factories, no transaction', async () => {
    const createBackendsFromSettings = vi.fn();
    const importer = importerOf({
      '@acme/perm': {
        createPermissionFromSettings: () => fakePermission('perm'),
        createBackendsFromSettings,
      },
    });
    const backends = await resolveBackends(parseSettings({ permission_backend: '@acme/perm' }), importer);
    expect(backends.storage.name).toBe('memory');
    expect(backends.permission.name).toBe('permission:perm');
    expect(backends.transaction).toBeUndefined();
    expect(createBackendsFromSettings).not.toHaveBeenCalled();
  });

  it('F-TK-SET factories on the default export (CommonJS interop) are found', async () => {
    const importer = importerOf({
      'legacy-cache': { default: { createCacheFromSettings: () => fakeCache('cjs') } },
    });
    const backends = await resolveBackends(parseSettings({ cache_backend: 'legacy-cache' }), importer);
    expect(backends.cache.name).toBe('cache:cjs');
  });
});

describe('resolveBackends: default importer', () => {
  it('F-TK-SET imports the named module dynamically', async () => {
    const source =
      'export function createCacheFromSettings(s) { return { name: "data-url:" + s.cache_prefix }; }';
    const name = `data:text/javascript,${encodeURIComponent(source)}`;
    const backends = await resolveBackends(parseSettings({ cache_backend: name, cache_prefix: 'p' }));
    expect(backends.cache.name).toBe('data-url:p');
  });
});

describe('resolveBackends: errors', () => {
  it('F-TK-SET a package that cannot be imported → error naming the setting and the package', async () => {
    const error = await rejection(
      resolveBackends(parseSettings({ storage_backend: 'kinto.core.storage.postgresql' }), importerOf({})),
    );
    expect(error.setting).toBe('storage_backend');
    expect(error.message).toBe(
      'Invalid setting "storage_backend": cannot load backend package "kinto.core.storage.postgresql" ' +
        "(Cannot find package 'kinto.core.storage.postgresql')",
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('F-TK-SET the default importer fails clearly for a package that is not installed', async () => {
    const error = await rejection(
      resolveBackends(parseSettings({ cache_backend: '@nobody/no-such-backend' })),
    );
    expect(error.setting).toBe('cache_backend');
    expect(error.message).toContain('"@nobody/no-such-backend"');
  });

  it('F-TK-SET a package without the needed factory → error naming setting, package and factory', async () => {
    const importer = importerOf({ '@acme/pg': { createStorageFromSettings: () => fakeStorage('pg') } });
    const error = await rejection(
      resolveBackends(
        parseSettings({ storage_backend: '@acme/pg', permission_backend: '@acme/pg' }),
        importer,
      ),
    );
    expect(error.setting).toBe('permission_backend');
    expect(error.message).toBe(
      'Invalid setting "permission_backend": package "@acme/pg" does not export createPermissionFromSettings()',
    );
  });

  it('F-TK-SET a module exporting no factory at all → error listing the expected exports', async () => {
    const importer = importerOf({ lodash: { map: () => [] } });
    const error = await rejection(resolveBackends(parseSettings({ cache_backend: 'lodash' }), importer));
    expect(error.setting).toBe('cache_backend');
    expect(error.message).toContain('package "lodash"');
    expect(error.message).toContain('createCacheFromSettings');
  });

  it('F-TK-SET an empty backend name → error naming the setting', async () => {
    const error = await rejection(resolveBackends(parseSettings({ storage_backend: '' })));
    expect(error.setting).toBe('storage_backend');
    expect(error.message).toContain('expected the name of a backend package');
  });

  it('F-TK-SET a factory returning nothing → error naming the setting and the package', async () => {
    const importer = importerOf({ broken: { createCacheFromSettings: () => undefined } });
    const error = await rejection(resolveBackends(parseSettings({ cache_backend: 'broken' }), importer));
    expect(error.message).toBe(
      'Invalid setting "cache_backend": createCacheFromSettings() of package "broken" returned no cache backend',
    );
  });
});
