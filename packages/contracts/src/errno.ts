/**
 * Stable application error numbers (`errno` of error responses), shared with Kinto and its clients.
 * Some are reserved: they exist in the protocol but nothing emits them.
 */
export const ERRNO = {
  MISSING_AUTH_TOKEN: 104,
  INVALID_AUTH_TOKEN: 105,
  /** Reserved: invalid JSON is reported as {@link ERRNO.INVALID_PARAMETERS}. */
  BADJSON: 106,
  INVALID_PARAMETERS: 107,
  /** Reserved. */
  MISSING_PARAMETERS: 108,
  /** Reserved: schema errors are reported as {@link ERRNO.INVALID_PARAMETERS}. */
  INVALID_POSTED_DATA: 109,
  INVALID_RESOURCE_ID: 110,
  MISSING_RESOURCE: 111,
  /** Reserved. */
  MISSING_CONTENT_LENGTH: 112,
  /** A request body over the size limit (413). */
  REQUEST_TOO_LARGE: 113,
  MODIFIED_MEANWHILE: 114,
  METHOD_NOT_ALLOWED: 115,
  VERSION_NOT_AVAILABLE: 116,
  /** Too many requests (429, with `Retry-After`): e.g. too many failed logins (`@core/authz`). */
  CLIENT_REACHED_CAPACITY: 117,
  FORBIDDEN: 121,
  CONSTRAINT_VIOLATED: 122,
  BACKEND: 201,
  SERVICE_DEPRECATED: 202,
  UNDEFINED: 999,
} as const;

/** One of the {@link ERRNO} values. */
export type Errno = (typeof ERRNO)[keyof typeof ERRNO];
