import { RECORDS_PATH } from '../collection.ts';
import { header, type OneConnectionClient } from './client.ts';

/** A `Next-Page` URL (absolute) as a path with its `_limit` replaced. */
export function withLimit(nextPage: string, limit: number): string {
  const url = new URL(nextPage);
  const search = url.search.replace(/([?&])_limit=\d+/, `$1_limit=${limit}`);
  return url.pathname + search;
}

/** The path of page `page` (1-based) of `pageSize` records, and what reaching it cost. */
export interface Walked {
  readonly path: string;
  readonly requests: number;
  readonly seconds: number;
}

/**
 * Follows `Next-Page` from the first page of the default listing until `(page - 1) × pageSize`
 * records are behind, `walkLimit` records per request (the last step fewer if needed), then returns
 * the next `Next-Page` with `_limit=pageSize`: the URL a client reading `pageSize` at a time would
 * have received there (a token is bound to the list, filters and sort, not to `_limit`).
 * `undefined` when the list ends before.
 */
export async function walkToPage(
  client: OneConnectionClient,
  page: number,
  pageSize: number,
  walkLimit: number,
): Promise<Walked | undefined> {
  const started = performance.now();
  const behind = (page - 1) * pageSize;
  if (behind === 0) return { path: `${RECORDS_PATH}?_limit=${pageSize}`, requests: 0, seconds: 0 };
  let path = `${RECORDS_PATH}?_limit=${Math.min(walkLimit, behind)}`;
  let seen = 0;
  let requests = 0;
  for (;;) {
    const response = await client.send('GET', path);
    requests += 1;
    if (response.status !== 200)
      throw new Error(`walking to page ${page}: ${path} answered ${response.status}`);
    seen += (JSON.parse(response.body) as { data: unknown[] }).data.length;
    const next = header(response, 'next-page');
    if (next === undefined) return undefined;
    if (seen >= behind) {
      return { path: withLimit(next, pageSize), requests, seconds: (performance.now() - started) / 1000 };
    }
    path = withLimit(next, Math.min(walkLimit, behind - seen));
  }
}
