import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { setResponseHeader } from './response-header.ts';

/**
 * Adds `Backoff: <backoff>` to every response when the `backoff` setting is set; with
 * `backoff_percentage`, only to that share of responses, drawn with `random` (http-api.md §15).
 */
export function backoff(random: () => number = Math.random): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    decorateBackoff(c, random);
  };
}

/** What {@link backoff} adds to the response, once it is there. */
export function decorateBackoff(c: Context<ApiEnv>, random: () => number = Math.random): void {
  const { backoff: seconds, backoff_percentage: percentage } = c.get('settings');
  if (seconds === null || seconds === undefined) return;
  if (percentage !== null && percentage !== undefined && random() >= percentage / 100) return;
  setResponseHeader(c, 'Backoff', String(seconds));
}
