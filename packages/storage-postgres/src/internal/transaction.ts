import { BackendError } from '@core/contracts';
import type { Sql, TransactionSql } from 'postgres';
import { mapDriverError } from './errors.ts';

const NOT_SET = Symbol('not set');

/** Default of the longest a transaction may run before it is rolled back. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * Runs `fn` in one `sql.begin` transaction: commit when it resolves, rollback when it rejects. The
 * callback's own rejection passes through untouched; failures of the transaction itself (connect,
 * `BEGIN`, `COMMIT`) become `BackendError`/`IntegrityError`. `isOpen` turns false once it has ended.
 *
 * A transaction runs for `timeoutMs` at most: past it, it is rolled back (releasing its locks),
 * its handles refuse further calls and the call rejects with `BackendError` (503), whatever `fn` is
 * still waiting for — so no request can hold a list's lock without a deadline.
 */
export async function runTransaction<T>(
  sql: Sql,
  fn: (tx: TransactionSql, isOpen: () => boolean) => Promise<T>,
  timeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS,
): Promise<T> {
  let open = true;
  let callbackError: unknown = NOT_SET;
  try {
    const result = await sql.begin(async (tx) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new BackendError(`Transaction took longer than ${timeoutMs} ms: rolled back`)),
          timeoutMs,
        );
      });
      const running = fn(tx, () => open);
      try {
        return await Promise.race([running, expired]);
      } catch (error) {
        open = false;
        callbackError = error;
        throw error;
      } finally {
        clearTimeout(timer);
        // A callback abandoned at its deadline may still reject later: that outcome is decided.
        running.catch(() => undefined);
      }
    });
    return result as T;
  } catch (error) {
    if (error === callbackError) throw error;
    throw mapDriverError(error);
  } finally {
    open = false;
  }
}
