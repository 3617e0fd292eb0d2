import type { ListQuery } from './store.ts';

const MAX_LIMIT = 10_000;

function nativeValue(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/**
 * A listing's query string as the floor supports it: `_limit`, `_sort=-last_modified` (the default
 * order), `_since`, and `field=value` equality filters. `undefined` for anything else.
 */
export function parseListQuery(params: URLSearchParams): ListQuery | undefined {
  let limit = MAX_LIMIT;
  let since: number | undefined;
  const filters: [string, string | number | boolean][] = [];
  for (const [name, value] of params) {
    if (name === '_limit') limit = Math.min(MAX_LIMIT, Number(value));
    else if (name === '_since') since = Number(value.replaceAll('"', ''));
    else if (name === '_sort') {
      if (value !== '-last_modified') return undefined;
    } else if (name.startsWith('_')) return undefined;
    else filters.push([name, nativeValue(value)]);
  }
  if (!Number.isSafeInteger(limit) || limit < 0) return undefined;
  if (since !== undefined && !Number.isSafeInteger(since)) return undefined;
  return since === undefined ? { limit, filters } : { limit, since, filters };
}

/** The `Next-Page` URL after `last` (a keyset token, as Kinto's `_token`). */
export function nextPageUrl(requestUrl: string, last: { id: string; last_modified: number }): string {
  const url = new URL(requestUrl);
  const token = Buffer.from(JSON.stringify({ last_object: last, offset: 0 })).toString('base64');
  url.searchParams.set('_token', token);
  return url.toString();
}
