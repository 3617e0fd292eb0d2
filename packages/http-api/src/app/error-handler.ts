import type { Logger } from '@core/contracts';
import type { ErrorHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import type { Settings } from '../settings/settings.ts';
import { classifyError, errorResponse } from './error-response.ts';

/**
 * Hono `onError` handler: every thrown error becomes the JSON error format; backend and unexpected
 * errors are logged with their stack (never sent to the client).
 */
export function createErrorHandler(fallback: { settings: Settings; logger?: Logger }): ErrorHandler<ApiEnv> {
  return (error, c) => {
    const settings = c.get('settings') ?? fallback.settings;
    const { httpError, logLevel } = classifyError(error, settings);
    const logger = c.get('logger') ?? fallback.logger;
    if (logLevel && logger) {
      const url = new URL(c.req.url);
      logger[logLevel](
        {
          path: url.pathname,
          method: c.req.method,
          ...(url.search ? { querystring: url.search.slice(1) } : {}),
          errno: httpError.errno,
          error:
            error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : error,
        },
        error instanceof Error ? error.message : String(error),
      );
    }
    return errorResponse(httpError);
  };
}
