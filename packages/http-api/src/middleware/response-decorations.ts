import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../app/error-response.ts';
import type { ApiEnv } from '../context.ts';
import { serviceDeprecated } from '../errors/http-errors.ts';
import { alertValue, decorateAlert } from './alert.ts';
import { decorateBackoff } from './backoff.ts';
import { decorateCors } from './cors.ts';
import { setResponseHeader } from './response-header.ts';
import { decorateSecurityHeaders } from './security-headers.ts';

/**
 * `cors()`, `securityHeaders()`, `backoff()`, `endOfService()` and `alertHeader()`, outermost first,
 * as one middleware: the same headers on every response (refusals and errors included), one layer
 * instead of five on every request and subrequest.
 */
export function responseDecorations(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { eos, eos_message, eos_url, project_docs } = c.get('settings');
    const date = eos ? Date.parse(eos) : Number.NaN;
    if (Number.isNaN(date)) {
      await next();
      decorateAlert(c);
    } else if (date <= Date.now()) {
      const response = errorResponse(serviceDeprecated());
      response.headers.set('Alert', alertValue('hard-eol', eos_message, eos_url || project_docs));
      c.res = response;
    } else {
      await next();
      decorateAlert(c);
      setResponseHeader(c, 'Alert', alertValue('soft-eol', eos_message, eos_url || project_docs));
    }
    decorateBackoff(c);
    decorateSecurityHeaders(c);
    decorateCors(c);
  };
}
