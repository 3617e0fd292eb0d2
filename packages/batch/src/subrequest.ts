import { invalidParameters, textBodyRequest, type ValidationDetail } from '@core/http-api';
import type { BatchMethod, BatchRequestSpec } from './schema.ts';
import { isRecursive, prefixedPath } from './subrequest-path.ts';

/** Everything needed to (re)build one subrequest; built and checked before anything runs. */
export interface Subrequest {
  readonly index: number;
  readonly method: BatchMethod;
  readonly url: URL;
  readonly headers: Headers;
  /** The JSON-encoded body; never set for `GET`/`HEAD`, which cannot carry one. */
  readonly body?: string;
}

/** Hop-by-hop and framing headers of the batch request that make no sense on a subrequest. */
const NOT_INHERITED = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);

const JSON_TYPE = 'application/json; charset=utf-8';

/** Thrown when a path points back at the batch endpoint. */
export function recursionError() {
  return invalidParameters({
    location: 'body',
    name: 'requests',
    description: 'Recursive call on /batch endpoint is forbidden.',
  });
}

/** What every subrequest of one batch takes from the batch request, read once per batch. */
export interface BatchParent {
  readonly origin: string;
  /** The batch request's headers, minus the framing ones. */
  readonly headers: readonly (readonly [string, string])[];
}

export function batchParent(request: Request): BatchParent {
  const headers: [string, string][] = [];
  for (const [name, value] of request.headers) if (!NOT_INHERITED.has(name)) headers.push([name, value]);
  return { origin: new URL(request.url).origin, headers };
}

function headersOf(parent: BatchParent, spec: BatchRequestSpec, index: number): Headers {
  const headers = new Headers();
  for (const [name, value] of parent.headers) headers.set(name, value);
  const invalid: ValidationDetail[] = [];
  for (const [name, value] of Object.entries(spec.headers)) {
    try {
      headers.set(name, value);
    } catch {
      invalid.push({
        location: 'body',
        name: `requests.${index}.headers.${name}`,
        description: 'invalid header name or value',
      });
    }
  }
  if (invalid.length > 0) throw invalidParameters(invalid);
  const ownType = Object.keys(spec.headers).some((name) => name.toLowerCase() === 'content-type');
  if (spec.body !== undefined && !ownType) headers.set('Content-Type', JSON_TYPE);
  return headers;
}

/**
 * The subrequest of `spec` (utilities.md §7.2): path prefixed with the version unless it has one,
 * headers of the batch request (minus framing ones) overridden by the subrequest's own, body
 * JSON-encoded with `Content-Type: application/json; charset=utf-8` unless the subrequest sets its
 * own type (e.g. `application/merge-patch+json`).
 * @throws HttpError 400 for a path reaching `/batch` or an invalid header.
 */
export function buildSubrequest(
  spec: BatchRequestSpec,
  index: number,
  parent: BatchParent,
  prefix: string,
): Subrequest {
  const path = prefixedPath(spec.path, prefix);
  // Concatenated, not resolved: `//host/x` must stay a path of this app.
  const url = new URL(`${parent.origin}${path}`);
  if (isRecursive(spec.path, url)) throw recursionError();
  const headers = headersOf(parent, spec, index);
  const carriesBody = spec.body !== undefined && spec.method !== 'GET' && spec.method !== 'HEAD';
  return {
    index,
    method: spec.method,
    url,
    headers,
    ...(carriesBody ? { body: JSON.stringify(spec.body) } : {}),
  };
}

/**
 * A fresh `Request` for `subrequest`, at `url` (a redirect target) or its own: a light one, whose body
 * is served from its string and whose real `Request` is built only if something needs more than its
 * method, URL, headers and body.
 */
export function toRequest(subrequest: Subrequest, url: URL = subrequest.url): Request {
  // A redirect's request gets its own copy of the headers.
  const headers = url === subrequest.url ? subrequest.headers : new Headers(subrequest.headers);
  return textBodyRequest(url, { method: subrequest.method, headers }, subrequest.body);
}
