import { type BackendError, isCoreError } from '@core/contracts';

/**
 * A wrapper for calls to a cache that is only there for speed or bookkeeping: a `BackendError` (the
 * cache is down) goes to `onCacheError` and the call resolves `undefined`; any other error is a bug
 * and propagates.
 */
export function tolerateCacheErrors(
  onCacheError: ((error: BackendError) => void) | undefined,
): <T>(call: () => Promise<T>) => Promise<T | undefined> {
  return async (call) => {
    try {
      return await call();
    } catch (error) {
      if (!isCoreError(error, 'BACKEND_ERROR')) throw error;
      onCacheError?.(error as BackendError);
      return undefined;
    }
  };
}
