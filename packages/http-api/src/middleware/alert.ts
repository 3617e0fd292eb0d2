import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { setResponseHeader } from './response-header.ts';

/** The `Alert` header value (http-api.md §16): `{code, message, url}` as JSON. */
export function alertValue(code: string, message: string | null, url: string): string {
  return JSON.stringify({ code, message, url });
}

/** Turns the `c.get('alert')` a handler left (deprecations) into the `Alert` response header. */
export function alertHeader(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    decorateAlert(c);
  };
}

/** What {@link alertHeader} adds to the response, once it is there. */
export function decorateAlert(c: Context<ApiEnv>): void {
  const alert = c.get('alert');
  if (!alert) return;
  setResponseHeader(
    c,
    'Alert',
    alertValue(alert.code, alert.message, alert.url || c.get('settings').project_docs),
  );
}
