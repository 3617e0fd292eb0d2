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

/** Checks an object id argument: a non-empty string every backend can store. @throws TypeError otherwise. */
export function checkObjectId(id: unknown): string {
  if (typeof id !== 'string' || id === '') throw new TypeError('An object id must be a non-empty string');
  if (!isStorableText(id)) throw new TypeError('An object id may not hold NUL nor lone surrogates');
  return id;
}

// `String.prototype.isWellFormed` (ES2024, every supported runtime) is not in the ES2023 lib types.
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;

/**
 * `true` when every backend can store `text` exactly: no NUL character (PostgreSQL refuses it in
 * `text` and `jsonb`) and no lone UTF-16 surrogate (it has no UTF-8 encoding).
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && isWellFormed.call(text);
}

/** Checks a count argument (`limit`, `maxRetained`, `maxObjects`): a non-negative safe integer. @throws TypeError otherwise. */
export function checkCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}
