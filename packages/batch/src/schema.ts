import type { JsonObject } from '@core/contracts';
import { invalidParameters, type ValidationDetail } from '@core/http-api';
import * as v from 'valibot';
import { isPlainObject, mergeDefaults } from './merge-defaults.ts';

/** Methods a subrequest may use (uppercase only, as Kinto). */
export const BATCH_METHODS = ['GET', 'HEAD', 'DELETE', 'TRACE', 'POST', 'PUT', 'PATCH'] as const;

/** A subrequest method. */
export type BatchMethod = (typeof BATCH_METHODS)[number];

/** One subrequest once `defaults` are merged in and validated. */
export interface BatchRequestSpec {
  readonly method: BatchMethod;
  /** As sent: starts with `/`, with or without the version prefix, query string included. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: JsonObject;
}

const objectOf = (what: string) =>
  v.custom<Record<string, unknown>>(isPlainObject, `must be an object${what}`);

const method = v.picklist(BATCH_METHODS, `must be one of ${BATCH_METHODS.join(', ')}`);
const path = v.pipe(
  v.string('must be a string starting with /'),
  v.startsWith('/', 'must be a string starting with /'),
);
const headers = v.pipe(objectOf(' of string values'), v.record(v.string(), v.string('must be a string')));
const body = v.pipe(
  objectOf(''),
  v.transform((input) => input as JsonObject),
);

const entries = {
  method: v.optional(method),
  path,
  headers: v.optional(headers),
  body: v.optional(body),
};

const request = v.pipe(objectOf(''), v.strictObject(entries, 'unknown key'));
const defaults = v.pipe(objectOf(''), v.strictObject({ ...entries, path: v.optional(path) }, 'unknown key'));

const payload = v.pipe(
  objectOf(''),
  v.strictObject(
    {
      defaults: v.optional(defaults),
      requests: v.array(request, 'must be a list of requests'),
    },
    'unknown key',
  ),
);

function detailOf(issue: v.BaseIssue<unknown>): ValidationDetail {
  const name = v.getDotPath(issue) ?? '';
  const missing = issue.kind === 'schema' && issue.input === undefined && name !== '';
  return { location: 'body', name, description: missing ? `${name} is missing` : issue.message };
}

function withDefaults(input: unknown): unknown {
  if (!isPlainObject(input) || !isPlainObject(input.defaults) || !Array.isArray(input.requests)) {
    return input;
  }
  const fallback = input.defaults;
  return {
    ...input,
    requests: input.requests.map((entry: unknown) =>
      isPlainObject(entry) ? mergeDefaults(entry, fallback) : entry,
    ),
  };
}

/**
 * Validates a batch body (utilities.md §7.1) after merging `defaults` into each request, as Kinto
 * does: only `defaults` and `requests` at the top, each request `{method?, path, headers?, body?}`.
 * @throws HttpError 400 errno 107 whose details name every faulty field (`requests.1.path`).
 */
export function parseBatchPayload(input: unknown): BatchRequestSpec[] {
  const result = v.safeParse(payload, withDefaults(input), { abortPipeEarly: true });
  if (!result.success) {
    const details = result.issues.map(detailOf);
    const unique = details.filter(
      (detail, index) => details.findIndex((other) => other.name === detail.name) === index,
    );
    throw invalidParameters(unique);
  }
  return result.output.requests.map((entry) => ({
    method: entry.method ?? 'GET',
    path: entry.path,
    headers: entry.headers ?? {},
    ...(entry.body !== undefined ? { body: entry.body } : {}),
  }));
}
