import { ERRNO, HttpError, isCoreError } from '@core/contracts';
import { HTTPException } from 'hono/http-exception';
import {
  backendUnavailable,
  badRequest,
  constraintViolated,
  internalError,
  methodNotAllowed,
  missingResource,
  objectNotFound,
  unauthorized,
} from '../errors/http-errors.ts';
import { reasonOf } from '../errors/reasons.ts';
import type { Settings } from '../settings/settings.ts';

/** How an error reached the client, and how loudly to log it. */
export interface ClassifiedError {
  readonly httpError: HttpError;
  /** `fatal` for backend failures, `error` for unexpected ones, `null` for expected HTTP errors. */
  readonly logLevel: 'fatal' | 'error' | null;
}

function fromHonoException(error: HTTPException): HttpError {
  const message = error.message || reasonOf(error.status);
  switch (error.status) {
    case 400:
      return badRequest(message);
    case 401:
      return unauthorized();
    case 404:
      return missingResource();
    case 405:
      return methodNotAllowed();
    default:
      return new HttpError({
        status: error.status,
        errno: error.status >= 500 ? ERRNO.UNDEFINED : ERRNO.INVALID_PARAMETERS,
        error: reasonOf(error.status),
        message,
      });
  }
}

/** A 503 always tells clients when to come back (http-api.md §15). */
function withRetryAfter(error: HttpError, retryAfterSeconds: number): HttpError {
  if (
    error.status !== 503 ||
    Object.keys(error.headers).some((name) => name.toLowerCase() === 'retry-after')
  ) {
    return error;
  }
  return new HttpError({
    status: error.status,
    errno: error.errno,
    error: error.error,
    message: error.hasMessage ? error.message : null,
    ...(error.details !== undefined ? { details: error.details } : {}),
    ...(error.info !== undefined ? { info: error.info } : {}),
    headers: { ...error.headers, 'Retry-After': String(retryAfterSeconds) },
  });
}

const READONLY_TIMESTAMP =
  'Resource timestamp cannot be written. Plural endpoint must be hit at least once from a writable instance.';

/** Maps anything thrown during a request to the HTTP error of the protocol (http-api.md §14). */
export function classifyError(error: unknown, settings: Settings): ClassifiedError {
  if (isCoreError(error, 'HTTP_ERROR')) {
    return {
      httpError: withRetryAfter(error as unknown as HttpError, settings.retry_after_seconds),
      logLevel: null,
    };
  }
  if (isCoreError(error, 'READONLY')) {
    return {
      httpError: backendUnavailable(settings.retry_after_seconds, READONLY_TIMESTAMP),
      logLevel: 'error',
    };
  }
  if (isCoreError(error, 'BACKEND_ERROR')) {
    return { httpError: backendUnavailable(settings.retry_after_seconds), logLevel: 'fatal' };
  }
  if (isCoreError(error, 'INTEGRITY') || isCoreError(error, 'UNICITY')) {
    return { httpError: constraintViolated(settings.retry_after_seconds), logLevel: null };
  }
  if (isCoreError(error, 'OBJECT_NOT_FOUND')) {
    const { resource, id } = error as unknown as { resource: string; id: string };
    return { httpError: objectNotFound(resource, id), logLevel: null };
  }
  if (error instanceof HTTPException) {
    const httpError = fromHonoException(error);
    return { httpError, logLevel: httpError.status >= 500 ? 'error' : null };
  }
  return { httpError: internalError(settings.error_info_link), logLevel: 'error' };
}

/** The JSON response of `error`: its body, status and extra headers. */
export function errorResponse(error: HttpError): Response {
  return new Response(JSON.stringify(error.toBody()), {
    status: error.status,
    headers: { ...error.headers, 'Content-Type': 'application/json' },
  });
}
