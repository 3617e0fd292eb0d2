import { BackendError } from '@core/contracts';
import type { Sql, TransactionSql } from 'postgres';
import type { Queryable } from './db.ts';
import { mapDriverError } from './errors.ts';
import type { Executor } from './executor.ts';
import { createReadMemo } from './read-memo.ts';

/** Default of the longest a transaction may run before it is rolled back. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

const ROLLBACK = Symbol('rollback');

/** A `sql.begin` held open until {@link Session.finish} says how it ends. */
interface Session {
  readonly tx: Promise<TransactionSql>;
  /** Commits (`true`) or rolls back; resolves when that is done, rejects when it failed. */
  finish(commit: boolean): Promise<void>;
}

function openSession(sql: Sql): Session {
  let handOver!: (tx: TransactionSql) => void;
  let settle!: (commit: boolean) => void;
  const handed = new Promise<TransactionSql>((resolve) => {
    handOver = resolve;
  });
  const outcome = new Promise<void>((resolve, reject) => {
    settle = (commit) => (commit ? resolve() : reject(ROLLBACK));
  });
  outcome.catch(() => undefined);
  const done = sql.begin(async (tx) => {
    handOver(tx);
    await outcome;
  });
  // `BEGIN` (or the connection) failing never hands a transaction over: the caller gets that error.
  const tx = Promise.race([
    handed,
    done.then(() => {
      throw new BackendError('PostgreSQL transaction ended before it was used');
    }),
  ]);
  tx.catch(() => undefined);
  return {
    tx,
    async finish(commit) {
      settle(commit);
      try {
        await done;
      } catch (error) {
        if (error !== ROLLBACK && commit) throw error;
      }
    },
  };
}

/**
 * Runs `fn` with an {@link Executor} whose writes share one transaction: opened (`BEGIN`) by the
 * first write or locking read, committed when `fn` resolves, rolled back when it rejects. Reads made
 * before it opens run on the pool: at READ COMMITTED a statement inside a transaction that has not
 * written yet sees exactly what one outside sees (the latest commits), so a request that only reads
 * costs no `BEGIN`/`COMMIT` and holds no connection between its statements. The callback's own
 * rejection passes through untouched; failures of `COMMIT` become `BackendError`/`IntegrityError`.
 * `isOpen` turns false once it has ended.
 *
 * A transaction runs for `timeoutMs` at most: past it, it is rolled back (releasing its locks),
 * its handles refuse further calls and the call rejects with `BackendError` (503), whatever `fn` is
 * still waiting for — so no request can hold a list's lock without a deadline.
 */
export async function runTransaction<T>(
  sql: Sql,
  fn: (executor: Executor, isOpen: () => boolean) => Promise<T>,
  timeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS,
): Promise<T> {
  let open = true;
  let session: Session | undefined;
  const transaction = (): Promise<TransactionSql> => {
    if (!open) return Promise.reject(new BackendError('PostgreSQL transaction already ended'));
    session ??= openSession(sql);
    return session.tx;
  };
  const inTransaction = async <R>(run: (tx: Queryable) => Promise<R>): Promise<R> => run(await transaction());
  // Statements sent without waiting for their answer; the transaction commits only once they all
  // succeeded (a commit racing one still on its way could otherwise succeed without it).
  const sent: Promise<unknown>[] = [];
  const executor: Executor = {
    read: (run) => (session === undefined ? run(sql) : inTransaction(run)),
    statement: inTransaction,
    send: (run) => {
      const sending = inTransaction(run);
      sending.catch(() => undefined);
      sent.push(sending);
      return Promise.resolve();
    },
    transaction: inTransaction,
    locked: new Map(),
    memo: createReadMemo(),
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BackendError(`Transaction took longer than ${timeoutMs} ms: rolled back`)),
      timeoutMs,
    );
  });
  const running = fn(executor, () => open);
  let result: T;
  try {
    result = await Promise.race([running, expired]);
    const delivered = Promise.all(sent).catch((error: unknown) => {
      throw mapDriverError(error);
    });
    await Promise.race([delivered, expired]);
  } catch (error) {
    open = false;
    // A callback abandoned at its deadline may still reject later: that outcome is decided.
    running.catch(() => undefined);
    await session?.finish(false);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  open = false;
  try {
    await session?.finish(true);
  } catch (error) {
    throw mapDriverError(error);
  }
  return result;
}
