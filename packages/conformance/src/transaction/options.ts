import type { Backends, Transactor } from '@core/contracts';
import { type ConformanceGroup, defineGroup, type SuiteHooks } from '../harness.ts';

/** Backends offering a joint storage + permission transaction. */
export type TransactionalBackends = Backends & { readonly transaction: Transactor };

/** Options of the joint-transaction suite. */
export interface TransactionConformanceOptions extends SuiteHooks<TransactionalBackends> {
  readonly capabilities?: {
    readonly concurrency?: boolean;
    /** The transaction handles' storage offers `listShared`/`countShared` (default `true`). */
    readonly sharedListing?: boolean;
  };
}

/** A group of joint-transaction cases. */
export type TransactionGroup = ConformanceGroup<TransactionalBackends, TransactionConformanceOptions>;

/** Defines a group of joint-transaction cases. */
export function defineTransactionGroup(
  name: string,
  body: Parameters<typeof defineGroup<TransactionalBackends, TransactionConformanceOptions>>[1],
): TransactionGroup {
  return defineGroup<TransactionalBackends, TransactionConformanceOptions>(name, body);
}
