import type { Sql, TransactionSql } from 'postgres';
import { mapDriverError } from './errors.ts';

const NOT_SET = Symbol('not set');

/**
 * Runs `fn` in one `sql.begin` transaction: commit when it resolves, rollback when it rejects. The
 * callback's own rejection passes through untouched; failures of the transaction itself (connect,
 * `BEGIN`, `COMMIT`) become `BackendError`/`IntegrityError`. `isOpen` turns false once it has ended.
 */
export async function runTransaction<T>(
  sql: Sql,
  fn: (tx: TransactionSql, isOpen: () => boolean) => Promise<T>,
): Promise<T> {
  let open = true;
  let callbackError: unknown = NOT_SET;
  try {
    const result = await sql.begin(async (tx) => {
      try {
        return await fn(tx, () => open);
      } catch (error) {
        callbackError = error;
        throw error;
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
