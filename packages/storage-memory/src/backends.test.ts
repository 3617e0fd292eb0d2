import { jointTransactionGroup, runGroup, transactionConformance } from '@core/conformance';
import type { Transactor } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryBackends } from './backends.ts';
import { createJournal } from './internal/journal.ts';
import { createMemoryPermissionOperations } from './internal/permission-operations.ts';
import { createMemoryPermissionState } from './internal/permission-state.ts';
import { createMemoryStorageOperations } from './internal/storage-operations.ts';
import { createMemoryStorageState } from './internal/store.ts';
import { createMemoryPermission } from './permission.ts';
import { createMemoryStorage } from './storage.ts';

const hooks = {
  reset: async (backends: ReturnType<typeof createMemoryBackends>) => {
    await backends.storage.flush();
    await backends.permission.flush();
    await backends.cache.flush();
  },
};

// The memory backend keeps the id-list path for shared listings (no `listShared`).
transactionConformance({
  create: () => createMemoryBackends(),
  ...hooks,
  capabilities: { sharedListing: false },
});

describe('createMemoryBackends', () => {
  it('F-TK-TX shares one critical section: a direct call waits for the running transaction', async () => {
    const backends = createMemoryBackends();
    const order: string[] = [];
    const transaction = backends.transaction(async ({ storage }) => {
      await storage.create({ resource: 'r', parent: '' }, { id: 'a' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('transaction');
    });
    const direct = backends.permission.getUserPrincipals('u').then(() => order.push('direct'));
    await Promise.all([transaction, direct]);
    expect(order).toEqual(['transaction', 'direct']);
  });

  it('passes the cache options through', async () => {
    const backends = createMemoryBackends({ cache: { prefix: 'app:' } });
    await backends.cache.set('k', 1, 10);
    expect(await backends.cache.get('k')).toBe(1);
  });

  it('the conformance group catches a joint transaction that rolls back storage only', async () => {
    // Broken on purpose: the permission handle writes without journaling, so its writes survive a veto.
    const storageState = createMemoryStorageState();
    const permissionState = createMemoryPermissionState();
    const settings = { readonly: false, now: Date.now };
    const transaction: Transactor = async (fn) => {
      const journal = createJournal();
      try {
        return await fn({
          storage: createMemoryStorageOperations(storageState, journal, settings),
          permission: createMemoryPermissionOperations(permissionState),
        });
      } catch (error) {
        journal.rollback();
        throw error;
      }
    };
    const broken = {
      storage: createMemoryStorage({ state: storageState }),
      permission: createMemoryPermission({ state: permissionState }),
      cache: createMemoryBackends().cache,
      transaction,
    };
    const results = await runGroup(jointTransactionGroup, { create: () => broken, ...hooks });
    expect(results.filter((result) => result.status === 'failed').length).toBeGreaterThan(0);
    const healthy = await runGroup(jointTransactionGroup, { create: () => createMemoryBackends(), ...hooks });
    expect(healthy.filter((result) => result.status !== 'passed')).toEqual([]);
  });
});
