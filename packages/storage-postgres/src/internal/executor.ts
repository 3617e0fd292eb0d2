import type { Sql } from 'postgres';
import type { Queryable } from './db.ts';
import type { ReadMemo } from './read-memo.ts';

/**
 * Where the operations send their statements. A direct call of a backend runs each read on the pool,
 * each single-statement write on its own (atomic) and each multi-statement write in a transaction of
 * its own; a transaction handle runs everything in its transaction, opened at its first write.
 */
export interface Executor {
  /** Runs a read: on the transaction once it is open, else on the pool (no `BEGIN` for a read). */
  read<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Runs one write statement (atomic by itself): in the transaction, opening it if needed. */
  statement<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs one write statement whose answer nobody needs. In a transaction it is sent without waiting
   * for the answer: the caller's next statement goes out behind it (one round trip for both), and its
   * failure fails the transaction (its commit rejects). A direct call waits for it.
   */
  send(fn: (db: Queryable) => Promise<unknown>): Promise<void>;
  /** Runs statements that must commit together (or take a lock): in the transaction, opened if needed. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The lists whose writer lock this transaction holds, with their list timestamp as this
   * transaction last read or wrote it (only this transaction can change it while it holds the lock);
   * `undefined` for direct calls, where every write runs in its own transaction.
   */
  readonly locked: Map<string, number | undefined> | undefined;
  /** The answers this transaction may reuse; `undefined` for direct calls. */
  readonly memo: ReadMemo | undefined;
}

/** The executor of direct backend calls: reads on the pool, writes in their own transaction. */
export function directExecutor(sql: Sql): Executor {
  return {
    read: (fn) => fn(sql),
    statement: (fn) => fn(sql),
    send: async (fn) => {
      await fn(sql);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => sql.begin((tx) => fn(tx)) as Promise<T>,
    locked: undefined,
    memo: undefined,
  };
}
