import {
  type CoreError,
  type CoreErrorCode,
  isCoreError,
  type JsonObject,
  type ObjectData,
  type Scope,
  type StorageBackend,
  type StorageOperations,
  type StoredObject,
} from '@core/contracts';
import { expect } from 'vitest';
import type { StorageConformanceOptions } from './options.ts';

/** The list most cases work in. */
export const RECORDS: Scope = { resource: 'record', parent: '/buckets/b/collections/c' };
/** Same resource, another parent. */
export const SIBLING: Scope = { resource: 'record', parent: '/buckets/b/collections/d' };
/** Same parent, another resource. */
export const HISTORY: Scope = { resource: 'history', parent: RECORDS.parent };

/** Milliseconds the backend clock may differ from the test's clock. */
export const CLOCK_TOLERANCE = 5 * 60_000;

/** Resolves with the rejection reason of `promise`; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject, but it resolved');
}

/** Asserts `promise` rejects with the contracts error of `code` and returns that error. */
export async function expectCoreError<C extends CoreErrorCode>(
  promise: Promise<unknown>,
  code: C,
): Promise<CoreError & { code: C }> {
  const error = await rejection(promise);
  expect(isCoreError(error, code), `expected a ${code} error, got ${String(error)}`).toBe(true);
  return error as CoreError & { code: C };
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates `count` objects one after the other and returns them in creation order. */
export async function createSeries(
  backend: StorageOperations,
  scope: Scope,
  count: number,
  make: (index: number) => ObjectData = (index) => ({ n: index }),
): Promise<StoredObject[]> {
  const created: StoredObject[] = [];
  for (let index = 0; index < count; index++) created.push(await backend.create(scope, make(index)));
  return created;
}

/** The ids of `objects`, sorted. */
export function sortedIds(objects: readonly { readonly id: string }[]): string[] {
  return objects.map((object) => object.id).sort();
}

/** Asserts every value is greater than the previous one. */
export function expectStrictlyIncreasing(values: readonly number[]): void {
  for (let index = 1; index < values.length; index++) {
    expect(values[index]!, `value #${index} of ${values.length}`).toBeGreaterThan(values[index - 1]!);
  }
}

/** Everything stored in `scope`, tombstones included, sorted by id. */
export async function snapshotList(backend: StorageBackend, scope: Scope): Promise<JsonObject[]> {
  const all = await backend.listAll(scope, { includeDeleted: true });
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The stored list timestamp, through the inspector when there is one, else `allResourcesTimestamps`. */
export async function storedTimestamp(
  backend: StorageBackend,
  options: StorageConformanceOptions,
  scope: Scope,
): Promise<number | undefined> {
  if (options.inspect?.rawTimestamp) return options.inspect.rawTimestamp(backend, scope);
  return (await backend.allResourcesTimestamps(scope.resource)).get(scope.parent);
}
