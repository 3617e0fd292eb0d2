import { performance } from 'node:perf_hooks';
import { isCoreError } from '@core/contracts';
import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { type BcryptPool, createBcryptPool } from './bcrypt-pool.ts';

const pools: BcryptPool[] = [];
function pool(options?: Parameters<typeof createBcryptPool>[0]): BcryptPool {
  const made = createBcryptPool(options);
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return isCoreError(error, 'BACKEND_ERROR') ? `503 ${(error as Error).message}` : `other ${String(error)}`;
  }
}

/**
 * The event loop's utilization while `work` runs: the share of the time the main thread was busy
 * rather than waiting for events (`performance.eventLoopUtilization`), between 0 and 1. What is not
 * used is what other requests get; a ratio, so a slow or loaded machine does not skew it.
 */
async function loopUtilizationDuring(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).utilization;
}

describe('bcrypt worker pool (@core/authz/node)', () => {
  it('F-AUTH-02 hashes and verifies with bcrypt, interchangeably with bcryptjs in process', async () => {
    const workers = pool({ size: 2 });
    const made = await workers.hash('s3cret', 4);
    expect(made).toMatch(/^\$2[aby]\$04\$/);
    expect(bcrypt.compareSync('s3cret', made)).toBe(true);
    expect(await verifyPassword('s3cret', made)).toBe(true);
    const inProcess = await hashPassword('other', 4);
    expect(await workers.compare('other', inProcess)).toBe(true);
    expect(await workers.compare('wrong', inProcess)).toBe(false);
    // A malformed hash is a mismatch, never an error (as verifyPassword).
    expect(await workers.compare('x', 'not a bcrypt hash')).toBe(false);
    // The default cost is the policy's (10).
    expect(await workers.hash('pw')).toMatch(/^\$2[aby]\$10\$/);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => workers.compare(i % 2 ? 'other' : 'no', inProcess)),
    );
    expect(results).toEqual([false, true, false, true, false, true, false, true]);
    expect(workers.size).toBe(2);
  });

  it('defaults to one worker per core but one, at least one', () => {
    expect(pool().size).toBeGreaterThanOrEqual(1);
    expect(() => createBcryptPool({ size: 0 })).toThrow(RangeError);
  });

  it('F-OPS-02 a full queue refuses at once with BackendError (503 + Retry-After), the others complete', async () => {
    const workers = pool({ size: 1, maxQueue: 2 });
    const stored = await hashPassword('pw', 4);
    // One runs, two wait, the fourth finds the queue full.
    const calls = [0, 1, 2, 3].map(() => outcome(workers.compare('pw', stored)));
    expect(await Promise.all(calls)).toEqual([
      'ok',
      'ok',
      'ok',
      expect.stringMatching(/^503 Password hashing is overloaded/),
    ]);
  });

  it('F-OPS-02 a task waiting past maxWaitMs is dropped with BackendError', async () => {
    const workers = pool({ size: 1, maxWaitMs: 1 });
    const stored = await hashPassword('pw', 10);
    // The first takes the worker (a cost-10 compare outlasts a 1 ms wait by far); the second expires.
    const [first, second] = await Promise.all([
      outcome(workers.compare('pw', stored)),
      outcome(workers.compare('pw', stored)),
    ]);
    expect(first).toBe('ok');
    expect(second).toMatch(/^503 Password hashing is overloaded: no worker within 1 ms/);
  });

  it('close() fails waiting and later tasks with BackendError; closing twice is fine', async () => {
    const workers = createBcryptPool({ size: 1 });
    const stored = await hashPassword('pw', 4);
    const pending = [outcome(workers.compare('pw', stored)), outcome(workers.compare('pw', stored))];
    await workers.close();
    await workers.close();
    expect(await Promise.all(pending)).toEqual([
      expect.stringMatching(/^503 The bcrypt pool is closed/),
      expect.stringMatching(/^503 The bcrypt pool is closed/),
    ]);
    expect(await outcome(workers.compare('pw', stored))).toMatch(/^503 The bcrypt pool is closed/);
  });

  it('keeps the event loop free while 20 compares run (relative to the same compares in process)', async () => {
    const workers = pool({ size: 1 });
    const stored = await hashPassword('pw', 10);
    // Warm up (worker start, JIT) outside the measure.
    await workers.compare('pw', stored);
    await verifyPassword('pw', stored);
    const twenty = (compare: (password: string, hash: string) => Promise<boolean>) => () =>
      Promise.all(Array.from({ length: 20 }, (_, i) => compare(i === 0 ? 'pw' : `wrong${i}`, stored)));
    const inProcess = await loopUtilizationDuring(twenty(verifyPassword));
    const inWorkers = await loopUtilizationDuring(twenty(workers.compare));
    // In process, bcryptjs keeps the loop busy nearly all the time (every other request waits its
    // turn between bcrypt chunks); in the pool the loop only relays messages and is mostly idle.
    expect(inProcess).toBeGreaterThan(0.8);
    expect(inWorkers).toBeLessThan(0.5);
    expect(inWorkers * 4).toBeLessThan(inProcess);
  });
});
