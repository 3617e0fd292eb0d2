import { isCoreError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import {
  createBackendsFromSettings,
  createPermissionFromSettings,
  createStorageFromSettings,
} from '../src/settings.ts';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('settings') : '';
const url = `${POSTGRES_URL}?search_path=${schema}`;
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };

describe.skipIf(!available)('settings factories', () => {
  it('createBackendsFromSettings opens storage_url and shares one joint transaction', async () => {
    const backends = createBackendsFromSettings({ storage_url: url, storage_pool_size: 2 });
    try {
      await backends.storage.initializeSchema();
      expect(await backends.storage.heartbeat()).toBe(true);
      await backends.transaction(async ({ storage, permission }) => {
        await storage.create(RECORDS, { id: 'a' });
        await permission.addPrincipalToAce('/buckets/b/collections/c/records/a', 'write', 'account:x');
      });
      expect((await backends.storage.get(RECORDS, 'a')).id).toBe('a');
      expect(await backends.permission.getObjectPermissions('/buckets/b/collections/c/records/a')).toEqual({
        write: ['account:x'],
      });
    } finally {
      await backends.storage.close?.();
      await backends.permission.close?.();
    }
  });

  it('createStorageFromSettings and createPermissionFromSettings open their own clients', async () => {
    const storage = createStorageFromSettings({ storage_url: url });
    const permission = createPermissionFromSettings({ storage_url: url, permission_url: '' });
    try {
      expect(storage.name).toBe('postgresql');
      expect(await storage.heartbeat()).toBe(true);
      expect(await permission.heartbeat()).toBe(true);
    } finally {
      await storage.close?.();
      await permission.close?.();
    }
  });

  it('F-TK-TX storage_lock_timeout_seconds bounds a wait for a list another transaction holds (503, never a hang)', async () => {
    const backends = createBackendsFromSettings({ storage_url: url, storage_lock_timeout_seconds: 0.2 });
    try {
      let reserved!: () => void;
      const isReserved = new Promise<void>((resolve) => {
        reserved = resolve;
      });
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      // The holder keeps the list until the waiter has given up: without a deadline, this never ends.
      const holder = backends.transaction(async ({ storage }) => {
        await storage.resourceTimestamp(RECORDS, { forUpdate: true });
        reserved();
        await finished;
      });
      await isReserved;
      const error = await backends.storage.create(RECORDS, { id: 'waiting' }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      finish();
      expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
      await holder;
      expect((await backends.storage.create(RECORDS, { id: 'after' })).id).toBe('after');
    } finally {
      await backends.storage.close?.();
    }
  });

  it('F-TK-TX storage_transaction_timeout_seconds: a transaction held past it is rolled back and releases its list', async () => {
    const backends = createBackendsFromSettings({
      storage_url: url,
      storage_transaction_timeout_seconds: 0.2,
    });
    try {
      let leaked: Parameters<Parameters<typeof backends.transaction>[0]>[0] | undefined;
      const stuck = backends.transaction(async (scope) => {
        leaked = scope;
        await scope.storage.create(RECORDS, { id: 'stuck' });
        await new Promise(() => {}); // never ends
      });
      const error = await stuck.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
      await expect(backends.storage.get(RECORDS, 'stuck')).rejects.toMatchObject({
        code: 'OBJECT_NOT_FOUND',
      });
      await expect(leaked!.storage.create(RECORDS, { id: 'late' })).rejects.toBeDefined();
      // The list lock is free again: a write goes through at once.
      expect((await backends.storage.create(RECORDS, { id: 'free' })).id).toBe('free');
    } finally {
      await backends.storage.close?.();
    }
  });

  it('refuses a missing storage_url with a clear message', () => {
    expect(() => createStorageFromSettings({ storage_url: '' })).toThrow(/storage_url/);
  });
});
