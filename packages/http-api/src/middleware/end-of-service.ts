import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../app/error-response.ts';
import type { ApiEnv } from '../context.ts';
import { serviceDeprecated } from '../errors/http-errors.ts';
import { alertValue } from './alert.ts';
import { setResponseHeader } from './response-header.ts';

/**
 * End of service (http-api.md §16): before the `eos` date every response carries a `soft-eol`
 * `Alert`; after it every request is answered 410 errno 202 with a `hard-eol` `Alert`.
 */
export function endOfService(now: () => number = Date.now): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { eos, eos_message, eos_url, project_docs } = c.get('settings');
    const date = eos ? Date.parse(eos) : Number.NaN;
    if (Number.isNaN(date)) return next();

    const url = eos_url || project_docs;
    if (date <= now()) {
      const response = errorResponse(serviceDeprecated());
      response.headers.set('Alert', alertValue('hard-eol', eos_message, url));
      return response;
    }
    await next();
    setResponseHeader(c, 'Alert', alertValue('soft-eol', eos_message, url));
  };
}
