import type { CacheBackend } from '@core/contracts';
import { expect } from 'vitest';
import type { CacheConformanceOptions } from './options.ts';

/** Resolves after `seconds`. */
export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Asserts that `call` throws or rejects with a `TypeError` (either is accepted). */
export async function expectTypeError(call: () => Promise<unknown>): Promise<void> {
  await expect(Promise.resolve().then(call)).rejects.toBeInstanceOf(TypeError);
}

/** TTLs the contract rejects. */
export const INVALID_TTLS: readonly number[] = [0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY];

let counter = 0;

/** A prefix no other case (and, in practice, no `create()` cache) uses. */
export function uniquePrefix(label: string): string {
  counter += 1;
  return `conformance-${Math.random().toString(36).slice(2, 8)}-${counter}-${label}`;
}

/**
 * Runs `body` with caches made by `createWithPrefix` for each prefix, then flushes and closes them.
 */
export async function withPrefixedCaches(
  options: CacheConformanceOptions,
  prefixes: readonly string[],
  body: (caches: CacheBackend[]) => Promise<void>,
): Promise<void> {
  const create = options.createWithPrefix;
  if (!create) throw new Error('This case needs the createWithPrefix option (capability "prefixes").');
  const caches: CacheBackend[] = [];
  try {
    for (const prefix of prefixes) caches.push(await create(prefix));
    await body(caches);
  } finally {
    for (const cache of caches) {
      await cache.flush();
      await cache.close?.();
    }
  }
}
