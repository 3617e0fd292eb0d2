import type { Logger } from '@core/contracts';
import type { ErrorHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import type { Settings } from '../settings/settings.ts';
import { classifyError, errorResponse } from './error-response.ts';

/** What an error reporter learns about the request that failed. */
export interface ErrorReport {
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
}

/**
 * Hono `onError` handler: every thrown error becomes the JSON error format; backend and unexpected
 * errors are logged with their stack (never sent to the client).
 */
export function createErrorHandler(fallback: {
  settings: Settings;
  logger?: Logger;
  /** Called with every unexpected error (500) — where a Sentry-like reporter plugs in. Never throws. */
  reporters?: readonly ((error: unknown, context: ErrorReport) => void)[];
}): ErrorHandler<ApiEnv> {
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
    if (httpError.status >= 500 && httpError.errno === 999) {
      const report: ErrorReport = {
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        requestId: c.get('requestId'),
      };
      for (const reporter of fallback.reporters ?? []) {
        try {
          reporter(error, report);
        } catch {
          // A failing reporter must not turn the error response into another error.
        }
      }
    }
    return errorResponse(httpError);
  };
}
