import { bumpTimestamp, isCoreError, type Scope } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createJournal } from './internal/journal.ts';
import { createLock } from './internal/lock.ts';
import { parentMatcher } from './internal/wildcard.ts';
import { createMemoryStorage, createMemoryStorageOperations, createMemoryStorageState } from './storage.ts';

const RECORDS: Scope = { resource: 'record', parent: '/buckets/b/collections/c' };

function frozenClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set: (value: number) => {
      now = value;
    },
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('F-TK-STO-02 memory storage clock', () => {
  it('bumps by one within the same millisecond', async () => {
    const clock = frozenClock(1_000);
    const storage = createMemoryStorage({ now: clock.now });
    const a = await storage.create(RECORDS, {});
    const b = await storage.create(RECORDS, {});
    const c = await storage.delete(RECORDS, a.id);
    expect([a.last_modified, b.last_modified, c.last_modified]).toEqual([1_000, 1_001, 1_002]);
    expect(await storage.resourceTimestamp(RECORDS)).toBe(1_002);
  });

  it('keeps increasing when the clock goes backwards', async () => {
    const clock = frozenClock(5_000);
    const storage = createMemoryStorage({ now: clock.now });
    const a = await storage.create(RECORDS, {});
    clock.set(-1);
    const b = await storage.create(RECORDS, {});
    clock.set(4_000);
    const c = await storage.update(RECORDS, b.id, {});
    expect([a.last_modified, b.last_modified, c.last_modified]).toEqual([5_000, 5_001, 5_002]);
  });

  it('follows the clock again once it has caught up', async () => {
    const clock = frozenClock(100);
    const storage = createMemoryStorage({ now: clock.now });
    await storage.create(RECORDS, {});
    await storage.create(RECORDS, {});
    clock.set(200);
    expect((await storage.create(RECORDS, {})).last_modified).toBe(200);
  });

  it('initialises an empty list timestamp from the clock, once', async () => {
    const clock = frozenClock(7_000);
    const storage = createMemoryStorage({ now: clock.now });
    expect(await storage.resourceTimestamp(RECORDS)).toBe(7_000);
    clock.set(9_000);
    expect(await storage.resourceTimestamp(RECORDS)).toBe(7_000);
    expect((await storage.create(RECORDS, {})).last_modified).toBe(9_000);
  });

  it('applies the requested-value rule', () => {
    expect(bumpTimestamp(undefined, undefined, 10)).toEqual({ assigned: 10, listTimestamp: 10 });
    expect(bumpTimestamp(10, undefined, 10)).toEqual({ assigned: 11, listTimestamp: 11 });
    expect(bumpTimestamp(10, 10, 50)).toEqual({ assigned: 11, listTimestamp: 11 });
    expect(bumpTimestamp(10, 30, 50)).toEqual({ assigned: 30, listTimestamp: 30 });
    expect(bumpTimestamp(10, 3, 50)).toEqual({ assigned: 3, listTimestamp: 10 });
  });
});

describe('F-TK-STO-02 memory storage read-only instance', () => {
  it('shares the data of the writable instance and refuses to initialise timestamps', async () => {
    const state = createMemoryStorageState();
    const lock = createLock();
    const writable = createMemoryStorage({ state, lock });
    const readonly = createMemoryStorage({ state, lock, readonly: true });
    const created = await writable.create(RECORDS, { id: 'x' });
    expect(await readonly.get(RECORDS, 'x')).toEqual(created);
    expect(await readonly.resourceTimestamp(RECORDS)).toBe(created.last_modified);
    const error = await rejectionOf(readonly.resourceTimestamp({ resource: 'record', parent: '/empty' }));
    expect(isCoreError(error, 'READONLY')).toBe(true);
    expect((error as Error).message).toMatch(/cannot be written/);
  });
});

describe('F-TK-STO-02 memory storage locking', () => {
  it('makes direct calls of instances sharing a lock wait for a transaction', async () => {
    const state = createMemoryStorageState();
    const lock = createLock();
    const first = createMemoryStorage({ state, lock });
    const second = createMemoryStorage({ state, lock });
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = first.transaction(async (tx) => {
      await tx.create(RECORDS, { id: 'a' });
      order.push('tx wrote');
      await gate;
      order.push('tx done');
    });
    const reading = second.get(RECORDS, 'a').then(() => order.push('read'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['tx wrote']);
    release();
    await Promise.all([running, reading]);
    expect(order).toEqual(['tx wrote', 'tx done', 'read']);
  });

  it('refuses a transaction handle used after the transaction ended', async () => {
    const storage = createMemoryStorage();
    let leaked: Parameters<Parameters<typeof storage.transaction>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.create(RECORDS, {})).rejects.toThrow(/ended/);
    expect(await storage.countAll(RECORDS)).toBe(0);
  });

  it('lets operations over a shared journal be rolled back by their owner', async () => {
    const state = createMemoryStorageState();
    const journal = createJournal();
    const ops = createMemoryStorageOperations(state, journal, { now: () => 1_000 });
    await ops.create(RECORDS, { id: 'a' });
    await ops.resourceTimestamp({ resource: 'record', parent: '/other' });
    journal.rollback();
    expect(state.resources.size).toBe(0);
  });
});

describe('memory storage internals', () => {
  it('matches parent patterns without regular expressions', () => {
    expect(parentMatcher('a*b')('a.\n/b')).toBe(true);
    expect(parentMatcher('a.b')('axb')).toBe(false);
    expect(parentMatcher('*')('')).toBe(true);
    expect(parentMatcher('ab*ba')('aba')).toBe(false);
    expect(parentMatcher('a*a*a')('aaa')).toBe(true);
    expect(parentMatcher('a*a*a')('aa')).toBe(false);
  });

  it('rejects invalid ids and counts with TypeError', async () => {
    const storage = createMemoryStorage();
    await expect(storage.create(RECORDS, { id: 12 })).rejects.toBeInstanceOf(TypeError);
    await expect(storage.create(RECORDS, { id: '' })).rejects.toBeInstanceOf(TypeError);
    await expect(storage.update(RECORDS, '', {})).rejects.toBeInstanceOf(TypeError);
    await expect(storage.trimObjects(RECORDS, [], -1)).rejects.toBeInstanceOf(TypeError);
    await expect(storage.purgeDeleted(RECORDS, { maxRetained: 1.5 })).rejects.toBeInstanceOf(TypeError);
    expect(await storage.countAll(RECORDS)).toBe(0);
  });

  it('keeps a list emptied by a purge, with its timestamp and nothing else', async () => {
    const state = createMemoryStorageState();
    const storage = createMemoryStorage({ state });
    const created = await storage.create(RECORDS, {});
    const tombstone = await storage.delete(RECORDS, created.id);
    await storage.purgeDeleted({ resource: null, parent: '*' });
    const list = state.resources.get(RECORDS.resource)?.get(RECORDS.parent);
    expect(list?.objects.size).toBe(0);
    expect(list?.tombstones.size).toBe(0);
    expect(list?.timestamp).toBe(tombstone.last_modified);
  });

  it('reports a healthy heartbeat and empties everything on flush', async () => {
    const state = createMemoryStorageState();
    const storage = createMemoryStorage({ state });
    await storage.create(RECORDS, {});
    expect(await storage.heartbeat()).toBe(true);
    await storage.flush();
    expect(state.resources.size).toBe(0);
    expect(storage.name).toBe('memory');
  });
});
