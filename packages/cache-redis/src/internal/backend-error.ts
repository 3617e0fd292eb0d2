import { BackendError, isCoreError } from '@core/contracts';

/**
 * The contracts `BackendError` for a failed Redis call (connection refused or lost, timeout, server
 * error reply, unreadable stored value), keeping the original error as `cause`.
 */
export function toBackendError(operation: string, error: unknown): BackendError {
  if (isCoreError(error, 'BACKEND_ERROR')) return error as BackendError;
  const reason = error instanceof Error ? error.message : String(error);
  return new BackendError(`Redis cache ${operation} failed: ${reason}`, { cause: error });
}

/** Runs `call`, turning any rejection into a {@link toBackendError | BackendError}. */
export async function guard<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toBackendError(operation, error);
  }
}
