import { BackendError } from './errors.ts';

type Method = (...args: never[]) => Promise<unknown>;

/** Routes every method of `operations` through `around` (locking, error mapping...), for backend authors. */
export function wrapMethods<T extends object>(
  operations: T,
  around: <R>(call: () => Promise<R>) => Promise<R>,
): T {
  const wrapped: Record<string, Method> = {};
  for (const [name, method] of Object.entries(operations) as [string, Method][]) {
    wrapped[name] = (...args) => around(() => method(...args));
  }
  return wrapped as T;
}

/**
 * Wraps every method of a transaction handle so that it rejects with `BackendError` once the
 * transaction has ended: a handle kept past its callback must never write outside any transaction.
 */
export function guardHandle<T extends object>(operations: T, isOpen: () => boolean): T {
  return wrapMethods(operations, (call) =>
    isOpen()
      ? call()
      : Promise.reject(new BackendError('This transaction has ended; its handle cannot be used anymore')),
  );
}

/** Checks an object id argument: a non-empty string. @throws TypeError otherwise. */
export function checkObjectId(id: unknown): string {
  if (typeof id !== 'string' || id === '') throw new TypeError('An object id must be a non-empty string');
  return id;
}

/** Checks a count argument (`limit`, `maxRetained`, `maxObjects`): a non-negative safe integer. @throws TypeError otherwise. */
export function checkCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}
