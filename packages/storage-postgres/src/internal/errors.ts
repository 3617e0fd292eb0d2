import { BackendError, IntegrityError, isCoreError } from '@core/contracts';

// SQLSTATEs of conflicts between concurrent transactions: retrying is safe.
const RETRYABLE = new Set(['40001', '40P01', '23505']);
// undefined_table: every statement names only this package's tables, so the schema is missing.
const UNMIGRATED = '42P01';

// SQLSTATEs of text PostgreSQL cannot store (NUL in `text`/`jsonb`, a lone surrogate in JSON): the
// argument is refused (the storage contract's `TypeError`), never stored altered.
const UNSTORABLE = new Set(['22021', '22P05', '22P02']);

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Maps a failure of the driver to the contracts' errors: conflicts between concurrent transactions
 * become `IntegrityError` (409, retryable); everything else from the driver (connection refused or
 * lost, timeouts, SQL errors) becomes `BackendError` (503), whose message says to migrate when the
 * tables are missing. Contracts errors and argument errors
 * (`TypeError`, `RangeError`) raised by this package pass through unchanged.
 */
export function mapDriverError(error: unknown): unknown {
  if (isCoreError(error) || error instanceof TypeError || error instanceof RangeError) return error;
  const state = sqlState(error);
  if (state !== undefined && UNSTORABLE.has(state)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new TypeError(`PostgreSQL cannot store this value: ${detail}`, { cause: error });
  }
  if (state !== undefined && RETRYABLE.has(state)) {
    return new IntegrityError('Concurrent write conflict, please retry.', { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (state === UNMIGRATED) {
    return new BackendError(
      `PostgreSQL schema not migrated (${detail}): run \`kinto migrate\` (or migrate(sql) of @core/storage-postgres)`,
      { cause: error },
    );
  }
  return new BackendError(`PostgreSQL backend failure: ${detail}`, { cause: error });
}

/** Runs `fn`, mapping its driver failures with {@link mapDriverError}. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw mapDriverError(error);
  }
}
