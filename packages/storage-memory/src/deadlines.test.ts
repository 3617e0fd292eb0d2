import { isCoreError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryBackends } from './backends.ts';
import { createLock } from './internal/lock.ts';
import { createMemoryPermission } from './permission.ts';
import { createMemoryStorage } from './storage.ts';

const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('every wait for the memory lock has a deadline', () => {
  it('F-TK-TX a wait past the deadline fails with BackendError; the queue goes on', async () => {
    const lock = createLock({ timeoutMs: 30 });
    let release!: () => void;
    const held = lock.run(() => new Promise<void>((resolve) => (release = resolve)));
    const late = lock.run(() => 'never');
    const error = await rejection(late);
    expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
    expect(String((error as Error).message)).toMatch(/30 ms/);
    expect(await lock.probe()).toBe(false);
    release();
    await held;
    expect(await lock.run(() => 'next')).toBe('next');
    expect(await lock.probe()).toBe(true);
  });

  it('F-TK-TX sections run one at a time, in order', async () => {
    const lock = createLock({ timeoutMs: 1_000 });
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name, index) =>
        lock.run(async () => {
          order.push(`${name}+`);
          await sleep(3 - index);
          order.push(`${name}-`);
        }),
      ),
    );
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });

  it('F-TK-TX a call through the backend from inside its own transaction fails at the deadline instead of hanging forever', async () => {
    const backends = createMemoryBackends({ lockTimeoutMs: 50 });
    const outcome = await rejection(
      backends.transaction(async ({ storage }) => {
        await storage.create(RECORDS, { id: 'inside' });
        await backends.permission.getAccessibleObjects(['system.Everyone']); // waits for this very transaction
      }),
    );
    expect(isCoreError(outcome, 'BACKEND_ERROR')).toBe(true);
    // The transaction rolled back and released the lock: everything answers again.
    expect(await backends.storage.listAll(RECORDS)).toEqual([]);
    expect(await backends.storage.heartbeat()).toBe(true);
  });

  it('F-TK-TX a transaction held past the deadline is rolled back, its handle refused, the lock released', async () => {
    const backends = createMemoryBackends({ transactionTimeoutMs: 50 });
    let leaked: Parameters<Parameters<typeof backends.transaction>[0]>[0] | undefined;
    const stuck = backends.transaction(async (scope) => {
      leaked = scope;
      await scope.storage.create(RECORDS, { id: 'stuck' });
      await new Promise(() => {}); // never ends
    });
    const error = await rejection(stuck);
    expect(isCoreError(error, 'BACKEND_ERROR')).toBe(true);
    expect(await backends.storage.listAll(RECORDS)).toEqual([]);
    await expect(leaked!.storage.create(RECORDS, { id: 'late' })).rejects.toBeDefined();
    expect(await backends.storage.listAll(RECORDS)).toEqual([]);
    expect((await backends.storage.create(RECORDS, { id: 'after' })).id).toBe('after');
  });

  it('F-UTL-02 the heartbeat is false while the lock cannot be had within its deadline', async () => {
    const lock = createLock({ timeoutMs: 30 });
    const storage = createMemoryStorage({ lock });
    const permission = createMemoryPermission({ lock });
    let release!: () => void;
    const held = lock.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(await Promise.all([storage.heartbeat(), permission.heartbeat()])).toEqual([false, false]);
    release();
    await held;
    expect(await Promise.all([storage.heartbeat(), permission.heartbeat()])).toEqual([true, true]);
  });
});
