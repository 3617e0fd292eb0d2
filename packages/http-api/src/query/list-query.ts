import type { Filter, Sort } from '@core/contracts';
import { invalidQuery } from '../errors/http-errors.ts';
import { knownFieldChecker } from './field-path.ts';
import { parseFields } from './fields.ts';
import { parseFilter } from './filters.ts';
import { parseTimestamp } from './integers.ts';
import { parseLimit } from './limit.ts';
import { parseSort } from './sort.ts';

/** How to read a plural endpoint's query string. */
export interface ListQueryOptions {
  /** Current time in ms; timestamps must be below `now + 24 h`. */
  readonly now: number;
  /** Strict-schema resources: their known root field names (absent = schemaless). */
  readonly strict?: { readonly fields: readonly string[] };
  readonly method: 'GET' | 'HEAD' | 'DELETE';
}

/** A deprecated parameter the request used (to report with an `Alert` header). */
export interface QueryDeprecation {
  readonly param: string;
  readonly message: string;
}

/** The plural-endpoint query string, validated (http-api.md §6–§10). */
export interface ParsedListQuery {
  filters: Filter[];
  /** As requested by `_sort`, with `last_modified` descending appended when absent (§8). */
  sort: Sort[];
  /** `_limit` as given (clamped to a safe integer); `null` when absent. */
  limit: number | null;
  /** `_fields` entries (GET and HEAD only); `null` when absent. */
  fields: string[] | null;
  /** The raw `_token`; `null` when absent or empty. */
  token: string | null;
  /** Some filter is on `last_modified` (`_since`/`_before`/`_to` included): tombstones are listed. */
  hasTimestampFilter: boolean;
  deprecations: QueryDeprecation[];
}

const POLLING: Readonly<Record<string, 'gt' | 'lt'>> = { _since: 'gt', _before: 'lt', _to: 'lt' };

const TO_DEPRECATION: QueryDeprecation = {
  param: '_to',
  message: '_to is now deprecated, you should use _before instead',
};

/**
 * The query string as Kinto reads it: a parameter given several times counts once, with its last
 * value (WebOb's MultiDict semantics), in the position of its first occurrence.
 */
function lastValues(query: URLSearchParams): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of query) values.set(name.trim(), value);
  return values;
}

function pollingFilter(param: string, raw: string, now: number): Filter | null {
  if (raw.trim() === 'null') return null;
  const value = parseTimestamp(raw, now);
  if (value === null) throw invalidQuery(param);
  return { field: 'last_modified', operator: POLLING[param] as 'gt' | 'lt', value };
}

/**
 * Validates and converts a plural endpoint's query string: filters (§6, §7), `_sort` (§8), `_limit`
 * and `_token` (§9), `_fields` (§10, GET and HEAD). Other `_`-prefixed parameters and parameters with
 * an empty name are ignored.
 * @throws HttpError 400 errno 107 naming the offending parameter; never another error.
 */
export function parseListQuery(query: URLSearchParams, options: ListQueryOptions): ParsedListQuery {
  const isKnownField = knownFieldChecker(options.strict);
  const values = lastValues(query);
  const filters: Filter[] = [];
  const deprecations: QueryDeprecation[] = [];
  for (const [param, raw] of values) {
    if (param === '') continue;
    if (Object.hasOwn(POLLING, param)) {
      if (param === '_to') deprecations.push(TO_DEPRECATION);
      const filter = pollingFilter(param, raw, options.now);
      if (filter) filters.push(filter);
      continue;
    }
    if (param.startsWith('_')) continue;
    filters.push(parseFilter(param, raw, { now: options.now, isKnownField }));
  }
  const token = values.get('_token') || null;
  return {
    filters,
    sort: parseSort(values.get('_sort') ?? null, isKnownField),
    limit: parseLimit(values.get('_limit') ?? null),
    fields: options.method === 'DELETE' ? null : parseFields(values.get('_fields') ?? null, isKnownField),
    token,
    hasTimestampFilter: filters.some((filter) => filter.field === 'last_modified'),
    deprecations,
  };
}
