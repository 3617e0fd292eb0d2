import type { Filter, JsonValue, Sort } from '@core/contracts';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url } from './base64url.ts';
import { isPlainObject } from './json-value.ts';

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const encoder = new TextEncoder();

/** Scopes of the lists and queries seen lately (the same few are asked for again and again). */
const MAX_SCOPES = 1000;
const scopes = new Map<string, string>();

/**
 * A short hash (22 base64url characters, 128 bits of SHA-256) binding a pagination token to one list
 * and query: resource, parent, filters (order-insensitive, since they are ANDed) and sort. A token
 * used on another list or with other filters or sort then fails verification (LESSONS §18).
 */
export async function tokenScope(parts: {
  resource: string;
  parent: string;
  filters: readonly Filter[];
  sort: readonly Sort[];
}): Promise<string> {
  const filters = parts.filters
    .map((filter) => canonicalJson({ f: filter.field, o: filter.operator, v: filter.value as JsonValue }))
    .sort();
  const sort = parts.sort.map((criterion) => [criterion.field, criterion.direction]);
  const text = canonicalJson([parts.resource, parts.parent, filters, sort]);
  let scope = scopes.get(text);
  if (scope === undefined) {
    scope = encodeBase64Url(sha256(encoder.encode(text)).subarray(0, 16));
    if (scopes.size >= MAX_SCOPES) scopes.clear();
    scopes.set(text, scope);
  }
  return scope;
}
