import type { Backends, TransactionScope } from '@core/contracts';
import type { Clock } from './clock.ts';

/** Which backend a call went to. */
export type BackendRole = 'storage' | 'permission' | 'cache';

/** Told of every completed backend call: its method, duration (ms), and result unless it failed. */
export type CallObserver = (
  role: BackendRole,
  method: string,
  ms: number,
  failed: boolean,
  result: unknown,
) => void;

// Not timed: `transaction` spans the caller's work (its handle's calls are timed instead), and
// lifecycle methods are not part of serving requests.
const UNTIMED = new Set<PropertyKey>(['transaction', 'close', 'constructor']);

/**
 * A proxy of `target` (a backend or a transaction handle) whose methods report each call to
 * `observe`. Methods are called on `target` itself, so backends with private fields work. Wrappers
 * are made once per method, not per call. `transaction(fn)` hands `fn` an observed handle.
 */
export function observeOperations<T extends object>(
  target: T,
  role: BackendRole,
  observe: CallObserver,
  clock: Clock,
): T {
  const wrappers = new Map<PropertyKey, unknown>();
  const wrap = (property: PropertyKey, method: (...args: unknown[]) => unknown): unknown => {
    if (property === 'transaction') {
      return (fn: (handle: object) => unknown) =>
        method.call(target, (handle: object) => fn(observeOperations(handle, role, observe, clock)));
    }
    if (UNTIMED.has(property) || typeof property !== 'string') return method.bind(target);
    return async (...args: unknown[]) => {
      const start = clock();
      try {
        const result = await method.apply(target, args);
        observe(role, property, clock() - start, false, result);
        return result;
      } catch (error) {
        observe(role, property, clock() - start, true, undefined);
        throw error;
      }
    };
  };
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        wrapper = wrap(property, value as (...args: unknown[]) => unknown);
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** `backends` with every storage, permission and cache call (transaction handles included) observed. */
export function observeBackends(backends: Backends, observe: CallObserver, clock: Clock): Backends {
  const storage = observeOperations(backends.storage, 'storage', observe, clock);
  const permission = observeOperations(backends.permission, 'permission', observe, clock);
  const cache = observeOperations(backends.cache, 'cache', observe, clock);
  const joint = backends.transaction;
  return {
    storage,
    permission,
    cache,
    ...(joint
      ? {
          transaction: <R>(fn: (scope: TransactionScope) => Promise<R>) =>
            joint((scope) =>
              fn({
                storage: observeOperations(scope.storage, 'storage', observe, clock),
                permission: observeOperations(scope.permission, 'permission', observe, clock),
              }),
            ),
        }
      : {}),
  };
}
