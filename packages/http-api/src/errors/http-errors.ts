import { ERRNO, HttpError } from '@core/contracts';
import { timestampHeaders } from '../resource/timestamp-headers.ts';
import { reasonOf } from './reasons.ts';

/** Where an invalid parameter was found. */
export type ParameterLocation = 'body' | 'querystring' | 'header' | 'path';

/** One entry of a validation error's `details`. */
export interface ValidationDetail {
  readonly location: ParameterLocation;
  /**
   * Parameter name (`like_title`, `data.id`, `If-Match`...); `null` when none applies, as Kinto
   * answers for an invalid id in the path (`"path: Invalid object id"`).
   */
  readonly name: string | null;
  readonly description: string;
}

function validationMessage(first: ValidationDetail): string {
  if (first.name === null) return `${first.location}: ${first.description}`;
  if (first.description.includes(first.name)) return first.description;
  return `${first.name} in ${first.location}: ${first.description}`;
}

// Kinto sorts details by `str(name)`, where a missing name is Python's `"None"`.
const sortName = (detail: ValidationDetail): string => detail.name ?? 'None';
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * 400, errno 107, error `"Invalid parameters"`: `details` sorted by name, the first one in `message`
 * (`"<name> in <location>: <description>"`, or the description alone when it names the parameter).
 */
export function invalidParameters(details: ValidationDetail | readonly ValidationDetail[]): HttpError {
  const list = (Array.isArray(details) ? [...details] : [details]) as ValidationDetail[];
  list.sort((a, b) => compareNames(sortName(a), sortName(b)));
  const first = list[0] ?? { location: 'body', name: '', description: 'Invalid parameters' };
  return new HttpError({
    status: 400,
    errno: ERRNO.INVALID_PARAMETERS,
    error: 'Invalid parameters',
    message: validationMessage(first),
    details: list.map((detail) => ({ ...detail })),
  });
}

/** A shorthand for one query-string validation error. */
export function invalidQuery(name: string, description = `Invalid value for ${name}`): HttpError {
  return invalidParameters({ location: 'querystring', name, description });
}

/** 400 errno 107 with error `"Bad Request"` (malformed path or query string, not a validation). */
export function badRequest(message: string): HttpError {
  return new HttpError({ status: 400, errno: ERRNO.INVALID_PARAMETERS, error: reasonOf(400), message });
}

/**
 * 404 errno 111: an unknown URL (with Kinto's message), or a missing parent (`details: {id,
 * resource_name}` and, as in Kinto, no message).
 */
export function missingResource(details?: { id: string; resource_name: string }): HttpError {
  return new HttpError({
    status: 404,
    errno: ERRNO.MISSING_RESOURCE,
    error: reasonOf(404),
    ...(details
      ? { message: null, details }
      : { message: 'The resource you are looking for could not be found.' }),
  });
}

/** 404 errno 110: no such object on its object endpoint. */
export function objectNotFound(resourceName: string, id: string): HttpError {
  return new HttpError({
    status: 404,
    errno: ERRNO.INVALID_RESOURCE_ID,
    error: reasonOf(404),
    message: null,
    details: { id, resource_name: resourceName },
  });
}

/** 404 errno 116: the path names another API version. */
export function versionNotAvailable(): HttpError {
  return new HttpError({
    status: 404,
    errno: ERRNO.VERSION_NOT_AVAILABLE,
    error: reasonOf(404),
    message: 'The requested API version is not available on this server.',
  });
}

/** 405 errno 115. */
export function methodNotAllowed(): HttpError {
  return new HttpError({
    status: 405,
    errno: ERRNO.METHOD_NOT_ALLOWED,
    error: reasonOf(405),
    message: 'Method not allowed on this endpoint.',
  });
}

const typeList = (types: readonly string[]) => `[${types.map((type) => `'${type}'`).join(', ')}]`;

/** A header validation error answered with another status than 400 (Kinto's 406 and 415). */
function invalidHeader(status: number, header: string, description: string): HttpError {
  return new HttpError({
    status,
    errno: ERRNO.INVALID_PARAMETERS,
    error: 'Invalid parameters',
    message: description,
    details: [{ location: 'header', name: header, description }],
  });
}

/** 406 errno 107: the `Accept` header excludes JSON. */
export function notAcceptable(types: readonly string[] = ['application/json']): HttpError {
  return invalidHeader(406, 'Accept', `Accept header should be one of ${typeList(types)}`);
}

/** 415 errno 107: unsupported request `Content-Type`. */
export function unsupportedMediaType(types: readonly string[] = ['application/json']): HttpError {
  return invalidHeader(415, 'Content-Type', `Content-Type header should be one of ${typeList(types)}`);
}

/** 413 errno 113: the request body is larger than `maxBytes`. */
export function requestTooLarge(maxBytes: number): HttpError {
  return new HttpError({
    status: 413,
    errno: ERRNO.REQUEST_TOO_LARGE,
    error: reasonOf(413),
    message: `Request body is larger than ${maxBytes} bytes`,
  });
}

/**
 * 412 errno 114, with the stored object (without permissions) when there is one; `timestamp` (the
 * object's or the list's) gives the `ETag` and `Last-Modified` headers, as Kinto sends them.
 */
export function preconditionFailed(existing?: object, timestamp?: number): HttpError {
  return new HttpError({
    status: 412,
    errno: ERRNO.MODIFIED_MEANWHILE,
    error: reasonOf(412),
    message: 'Resource was modified meanwhile',
    ...(existing ? { details: { existing: existing as never } } : {}),
    ...(timestamp !== undefined ? { headers: timestampHeaders(timestamp) } : {}),
  });
}

/** 401 errno 104, with a `WWW-Authenticate` challenge when one is configured. */
export function unauthorized(challenge?: string): HttpError {
  return new HttpError({
    status: 401,
    errno: ERRNO.MISSING_AUTH_TOKEN,
    error: reasonOf(401),
    message: 'Please authenticate yourself to use this endpoint.',
    ...(challenge ? { headers: { 'WWW-Authenticate': challenge } } : {}),
  });
}

/** 403 errno 121. */
export function forbidden(): HttpError {
  return new HttpError({
    status: 403,
    errno: ERRNO.FORBIDDEN,
    error: reasonOf(403),
    message: 'This user cannot access this resource.',
  });
}

/** 409 errno 122 with `Retry-After`. */
export function constraintViolated(retryAfterSeconds: number): HttpError {
  return new HttpError({
    status: 409,
    errno: ERRNO.CONSTRAINT_VIOLATED,
    error: reasonOf(409),
    message: 'Integrity constraint violated, please retry.',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** 503 errno 201 with `Retry-After`. */
export function backendUnavailable(retryAfterSeconds: number, message?: string): HttpError {
  return new HttpError({
    status: 503,
    errno: ERRNO.BACKEND,
    error: reasonOf(503),
    message:
      message ?? 'Service temporary unavailable due to overloading or maintenance, please retry later.',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** 410 errno 202: the end-of-service date has passed. */
export function serviceDeprecated(): HttpError {
  return new HttpError({
    status: 410,
    errno: ERRNO.SERVICE_DEPRECATED,
    error: reasonOf(410),
    message: 'The service you are trying to connect no longer exists at this location.',
  });
}

/** 500 errno 999 with `info` = the configured error link. */
export function internalError(infoLink: string): HttpError {
  return new HttpError({
    status: 500,
    errno: ERRNO.UNDEFINED,
    error: reasonOf(500),
    message: 'A programmatic error occurred, developers have been informed.',
    info: infoLink,
  });
}

/**
 * 429 errno 117 (`CLIENT_REACHED_CAPACITY`), with `Retry-After: <retryAfterSeconds>` (at least 1):
 * the client must wait before trying again (e.g. too many failed logins).
 */
export function tooManyRequests(retryAfterSeconds: number, message: string): HttpError {
  const seconds = Math.max(1, Math.ceil(Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : 1));
  return new HttpError({
    status: 429,
    errno: ERRNO.CLIENT_REACHED_CAPACITY,
    error: reasonOf(429),
    message,
    headers: { 'Retry-After': String(seconds) },
  });
}
