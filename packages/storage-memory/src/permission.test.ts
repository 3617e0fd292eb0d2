import { isCoreError, type PermissionOperations } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createJournal } from './internal/journal.ts';
import { createLock } from './internal/lock.ts';
import { compareCodePoints } from './internal/permission-patterns.ts';
import {
  createMemoryPermission,
  createMemoryPermissionOperations,
  createMemoryPermissionState,
  type MemoryPermissionState,
} from './permission.ts';

/** Rebuilds the principal index from the ACEs, to check the mirror is kept exact. */
function rebuiltIndex(state: MemoryPermissionState): string[] {
  const rows: string[] = [];
  for (const [objectId, aces] of state.aces) {
    for (const [permission, principals] of aces) {
      for (const principal of principals) rows.push(`${principal}\n${objectId}\n${permission}`);
    }
  }
  return rows.sort();
}

function indexRows(state: MemoryPermissionState): string[] {
  const rows: string[] = [];
  for (const [principal, objects] of state.grantsByPrincipal) {
    for (const [objectId, permissions] of objects) {
      for (const permission of permissions) rows.push(`${principal}\n${objectId}\n${permission}`);
    }
  }
  return rows.sort();
}

describe('memory permission backend', () => {
  it('is named memory', () => {
    expect(createMemoryPermission().name).toBe('memory');
  });

  it('"/buckets/a/*" removes the descendants, not /buckets/a itself (as Kinto)', async () => {
    const p = createMemoryPermission();
    await p.addPrincipalToAce('/buckets/a', 'write', 'u');
    await p.addPrincipalToAce('/buckets/a/collections/c', 'write', 'u');
    await p.deleteObjectPermissions(['/buckets/a/*']);
    expect(await p.getObjectPermissions('/buckets/a')).toEqual({ write: ['u'] });
    expect(await p.getObjectPermissions('/buckets/a/collections/c')).toEqual({});
  });

  it('with children, "*" may match an empty run (as Kinto\'s ".*")', async () => {
    const p = createMemoryPermission();
    await p.addPrincipalToAce('/buckets/', 'read', 'u');
    expect([...(await p.getAccessibleObjects(['u'], [['/buckets/*', 'read']])).keys()]).toEqual([
      '/buckets/',
    ]);
    expect(
      (await p.getAccessibleObjects(['u'], [['/buckets/*', 'read']], { withChildren: false })).size,
    ).toBe(0);
  });

  it('keeps the principal index an exact mirror of the ACEs through every kind of write', async () => {
    const state = createMemoryPermissionState();
    const p = createMemoryPermission({ state });
    await p.addPrincipalToAce('/buckets/a', 'write', 'u1');
    await p.addPrincipalToAce('/buckets/a/collections/c', 'read', 'u1');
    await p.addPrincipalToAce('/buckets/a/collections/c', 'read', 'u2');
    await p.addPrincipalToAce('/buckets/ab', 'read', 'u2');
    await p.replaceObjectPermissions('/buckets/ab', { read: ['u3'], write: ['u2'] });
    await p.removePrincipalFromAce('/buckets/a', 'write', 'u1');
    await p.deleteObjectPermissions(['/buckets/a/*']);
    expect(indexRows(state)).toEqual(rebuiltIndex(state));
    expect(indexRows(state)).toEqual(['u2\n/buckets/ab\nwrite', 'u3\n/buckets/ab\nread']);
    expect(state.aces.has('/buckets/a')).toBe(false);
    await expect(
      p.transaction(async (tx) => {
        await tx.deleteObjectPermissions(['/buckets/ab']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(indexRows(state)).toEqual(['u2\n/buckets/ab\nwrite', 'u3\n/buckets/ab\nread']);
  });

  it('keeps the user → principal mirror exact', async () => {
    const state = createMemoryPermissionState();
    const p = createMemoryPermission({ state });
    await p.addUserPrincipal('alice', 'g1');
    await p.addUserPrincipal('bob', 'g1');
    await p.removePrincipal('g1');
    expect(state.members.size).toBe(0);
    expect(state.holders.size).toBe(0);
  });

  it('operations over a state and a journal roll back with the journal', async () => {
    const state = createMemoryPermissionState();
    const p = createMemoryPermission({ state });
    await p.addPrincipalToAce('/buckets/a', 'write', 'u1');
    const journal = createJournal();
    const ops: PermissionOperations = createMemoryPermissionOperations(state, journal);
    await ops.replaceObjectPermissions('/buckets/a', { write: ['u2'] });
    await ops.addUserPrincipal('u2', 'g');
    expect(await p.getObjectPermissions('/buckets/a')).toEqual({ write: ['u2'] });
    journal.rollback();
    expect(await p.getObjectPermissions('/buckets/a')).toEqual({ write: ['u1'] });
    expect(await p.getUserPrincipals('u2')).toEqual([]);
  });

  it('runs its calls in the lock it is given (joint transactions)', async () => {
    const lock = createLock();
    const p = createMemoryPermission({ lock });
    const order: string[] = [];
    let release!: () => void;
    const held = lock.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const write = p.addPrincipalToAce('/buckets/a', 'write', 'u').then(() => order.push('write'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('release');
    release();
    await Promise.all([held, write]);
    expect(order).toEqual(['release', 'write']);
  });

  it('refuses calls through a transaction handle once the transaction has ended', async () => {
    const p = createMemoryPermission();
    let handle: PermissionOperations | undefined;
    await p.transaction(async (tx) => {
      handle = tx;
    });
    const error = await handle!.addPrincipalToAce('/buckets/a', 'write', 'u').catch((e: unknown) => e);
    expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
    expect(await p.getObjectPermissions('/buckets/a')).toEqual({});
  });

  it('compares strings in code-point order', () => {
    expect(['\u{1F600}', '\uFFFD', 'b', 'a', 'ab', ''].sort(compareCodePoints)).toEqual([
      '',
      'a',
      'ab',
      'b',
      '\uFFFD',
      '\u{1F600}',
    ]);
    expect(compareCodePoints('\u{10000}', '\u{10001}')).toBeLessThan(0);
    expect(compareCodePoints('\uE000', '\uD800')).toBeLessThan(0);
  });

  it('answers getAccessibleObjects from the principal index, not a scan of every object', async () => {
    const state = createMemoryPermissionState();
    const p = createMemoryPermission({ state });
    for (let i = 0; i < 20_000; i++) await p.addPrincipalToAce(`/buckets/b${i}`, 'read', `user${i}`);
    await p.addPrincipalToAce('/buckets/mine', 'write', 'me');
    const aces = state.aces as unknown as Record<PropertyKey, unknown>;
    const methods = ['keys', 'values', 'entries', 'forEach', Symbol.iterator] as const;
    const originals = methods.map((name) => aces[name]);
    let scanned = false;
    for (const [i, name] of methods.entries()) {
      const original = originals[i] as (...args: unknown[]) => unknown;
      aces[name] = function (this: unknown, ...args: unknown[]) {
        scanned = true;
        return original.apply(this, args);
      };
    }
    try {
      const accessible = await p.getAccessibleObjects(['me'], [['/buckets/*', 'write']]);
      expect([...accessible.keys()]).toEqual(['/buckets/mine']);
      expect(scanned).toBe(false);
      // The probe does see a scan:
      await p.deleteObjectPermissions(['/nothing/*']);
      expect(scanned).toBe(true);
    } finally {
      for (const name of methods) delete aces[name];
    }
  });
});
