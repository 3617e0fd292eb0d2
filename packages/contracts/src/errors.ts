import { ERRNO, type Errno } from './errno.ts';
import type { JsonValue } from './json.ts';
import type { StoredObject } from './objects.ts';

/** Machine-readable kind of a {@link CoreError}; compare this, never `instanceof`. */
export type CoreErrorCode =
  | 'BACKEND_ERROR'
  | 'READONLY'
  | 'INTEGRITY'
  | 'OBJECT_NOT_FOUND'
  | 'UNICITY'
  | 'HTTP_ERROR';

const BRAND = Symbol.for('@core/contracts/error');

/**
 * Base of every error the contracts define. Packages may hold different copies of this module, so
 * recognise errors with {@link isCoreError}, which checks `code`, not the prototype chain.
 */
export abstract class CoreError extends Error {
  abstract readonly code: CoreErrorCode;
  /** HTTP status this error maps to when it reaches a client. */
  abstract readonly status: number;
  /** Protocol errno this error maps to. */
  abstract readonly errno: Errno;
  readonly [BRAND] = true;
}

/**
 * `true` when `error` is a contracts error (of `code`, when given), whichever copy of this package
 * created it.
 */
export function isCoreError<C extends CoreErrorCode>(
  error: unknown,
  code?: C,
): error is CoreError & { code: C } {
  if (typeof error !== 'object' || error === null || !(BRAND in error)) return false;
  return code === undefined || (error as CoreError).code === code;
}

/** A backend is unreachable or failed. Maps to 503, errno 201, with `Retry-After`. */
export class BackendError extends CoreError {
  readonly code: 'BACKEND_ERROR' | 'READONLY' = 'BACKEND_ERROR';
  readonly status = 503;
  readonly errno = ERRNO.BACKEND;
  override readonly name: string = 'BackendError';
  constructor(message = 'Backend failure', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A write was refused because the backend is read-only. Maps to 503, errno 201. */
export class ReadonlyError extends BackendError {
  override readonly code = 'READONLY' as const;
  override readonly name = 'ReadonlyError';
}

/**
 * A concurrent write conflicted (e.g. a unique constraint raced). Safe to retry. Maps to 409,
 * errno 122, with `Retry-After`.
 */
export class IntegrityError extends CoreError {
  readonly code = 'INTEGRITY' as const;
  readonly status = 409;
  readonly errno = ERRNO.CONSTRAINT_VIOLATED;
  override readonly name = 'IntegrityError';
  constructor(message = 'Integrity constraint violated, please retry.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No live object with this id in this list. Maps to 404, errno 110. */
export class ObjectNotFoundError extends CoreError {
  readonly code = 'OBJECT_NOT_FOUND' as const;
  readonly status = 404;
  readonly errno = ERRNO.INVALID_RESOURCE_ID;
  override readonly name = 'ObjectNotFoundError';
  constructor(
    /** Resource name of the list searched. */
    readonly resource: string,
    /** The id that was not found. */
    readonly id: string,
  ) {
    super(`Object not found: ${resource} ${JSON.stringify(id)}`);
  }
}

/** A live object already has the id being created; `existing` is a copy of it. Maps to 409. */
export class UnicityError extends CoreError {
  readonly code = 'UNICITY' as const;
  readonly status = 409;
  readonly errno = ERRNO.CONSTRAINT_VIOLATED;
  override readonly name = 'UnicityError';
  constructor(readonly existing: StoredObject) {
    super(`Object ${JSON.stringify(existing.id)} already exists`);
  }
}

/** The body of every error response. Members that are `undefined` are omitted on the wire. */
export interface ErrorBody {
  code: number;
  errno: Errno;
  error: string;
  message?: string;
  info?: string;
  details?: JsonValue;
}

/** An error that is already an HTTP answer: status, errno, reason phrase, message and details. */
export class HttpError extends CoreError {
  readonly code = 'HTTP_ERROR' as const;
  override readonly name = 'HttpError';
  readonly status: number;
  readonly errno: Errno;
  /** Reason phrase (`"Not Found"`, or `"Invalid parameters"` for validation errors). */
  readonly error: string;
  readonly details: JsonValue | undefined;
  readonly info: string | undefined;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;
  /** `false` when the body has no `message` (Kinto omits it on some errors, e.g. an object's 404). */
  readonly hasMessage: boolean;
  constructor(init: {
    status: number;
    errno: Errno;
    error: string;
    /** `null`: no `message` in the body (the `Error` message is then `error`). */
    message?: string | null;
    details?: JsonValue;
    info?: string;
    headers?: Record<string, string>;
  }) {
    super(init.message ?? init.error);
    this.hasMessage = init.message !== null;
    this.status = init.status;
    this.errno = init.errno;
    this.error = init.error;
    this.details = init.details;
    this.info = init.info;
    this.headers = init.headers ?? {};
  }

  /** The JSON body of the response. */
  toBody(): ErrorBody {
    const body: ErrorBody = {
      code: this.status,
      errno: this.errno,
      error: this.error,
    };
    if (this.hasMessage) body.message = this.message;
    if (this.info !== undefined) body.info = this.info;
    if (this.details !== undefined && this.details !== null) body.details = this.details;
    return body;
  }
}
