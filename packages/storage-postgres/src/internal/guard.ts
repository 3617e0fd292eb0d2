import { BackendError } from '@core/contracts';

type Method = (...args: never[]) => Promise<unknown>;

/**
 * Wraps every method of a transaction handle so that it rejects once the transaction has ended: a
 * handle kept past its callback must never write outside any transaction.
 */
export function guardHandle<T extends object>(operations: T, isOpen: () => boolean): T {
  const guarded: Record<string, Method> = {};
  for (const [name, method] of Object.entries(operations) as [string, Method][]) {
    guarded[name] = (...args) =>
      isOpen()
        ? method(...args)
        : Promise.reject(new BackendError('This transaction has ended; its handle cannot be used anymore'));
  }
  return guarded as T;
}

/** Routes every method of `operations` through `around` (error mapping, transaction wrapping). */
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
