import type { Backends, TransactionScope, Transactor } from '@core/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { createEventCollector, deliverAfterChanged, deliverChanged } from './events.ts';

/** Nests the storage and permission transactions when the backends have no joint one. */
export function transactorOf(backends: Backends): Transactor {
  if (backends.transaction) return backends.transaction;
  return (fn) =>
    backends.storage.transaction((storage) =>
      backends.permission.transaction((permission) => fn({ storage, permission })),
    );
}

const ROLLBACK = Symbol('rollback');

/** The request's transaction handles; only valid inside a {@link transactional} route. */
export function transactionOf(c: Context<ApiEnv>): TransactionScope {
  const scope = c.get('transaction');
  if (!scope) throw new Error('No transaction: the route is not wrapped in `transactional`');
  return scope;
}

/**
 * Runs the rest of the request in one storage + permission transaction (toolkit.md §7): committed
 * when the response is a success, rolled back when it is an error (any 4xx/5xx). `ResourceChanged`
 * listeners run inside it, just before commit; `AfterResourceChanged` ones after commit. Inside a
 * batch, the batch's transaction is reused and the batch delivers the events.
 */
export const transactional: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.get('transaction')) return next();
  const events = createEventCollector();
  let delivered: ReturnType<typeof events.drain> = [];
  try {
    await transactorOf(c.get('backends'))(async (scope) => {
      c.set('transaction', scope);
      c.set('events', events);
      await next();
      if (c.error !== undefined || c.res.status >= 400) throw ROLLBACK;
      delivered = events.drain();
      await deliverChanged(c.get('listeners'), delivered, scope);
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
    return;
  } finally {
    c.set('transaction', undefined);
    c.set('events', undefined);
  }
  await deliverAfterChanged(c.get('listeners'), delivered, c.get('logger'));
};
