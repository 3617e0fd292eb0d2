import { describe } from 'vitest';
import { type Expectation, hostileSuite, must, SENTINEL, send } from './harness.ts';
import { dottedPath, nestedArrays } from './payloads.ts';

// Hostile query strings (issue 22, F-FLT-*, F-SORT-*, F-PAG-*, F-FLD-01, F-SYNC-03): field paths
// of 1,000 segments and just over the 8-dot limit, NUL anywhere, limits and tokens that are not
// numbers or not ours, and query strings far longer than any client sends. Reads go to the sentinel
// records (they must come out unchanged); plural DELETEs go to this file's arena collection.

const suite = hostileSuite('query', {
  arenaRecords: { long: { title: 'a'.repeat(10_000) }, short: { title: 'x', n: 1 } },
});

const list = (query: string, path: string = SENTINEL.records) => ({ path: `${path}?${query}` });

/** 400 errno 107 about the query-string parameter `name`. */
const badParameter = (name: string): Expectation => ({
  status: 400,
  errno: 107,
  name,
  location: 'querystring',
});

/** A plural DELETE of the arena records that must be refused and delete nothing. */
const refusedDelete = (query: string, name?: string): [{ method: string; path: string }, Expectation] => [
  { method: 'DELETE', path: `${suite.records}?${query}` },
  {
    status: 400,
    errno: 107,
    ...(name !== undefined ? { name } : {}),
    async after({ backend }) {
      const remaining = await send(backend, 'GET', `${suite.records}?_sort=id&_fields=id`);
      const ids = (remaining.json?.data ?? []).map((record: { id: string }) => record.id);
      if (!ids.includes('long') || !ids.includes('short')) {
        throw new Error(`the refused DELETE deleted records: ${JSON.stringify(ids)} remain`);
      }
    },
  },
];

/** The four places a field path goes (the limit is 8 dots), and the parameter a 400 must name. */
const FIELD_PATHS: ReadonlyArray<{
  feature: string;
  what: string;
  query(path: string): string;
  name(path: string): string;
}> = [
  { feature: 'F-FLT-01', what: 'a filter', query: (path) => `${path}=1`, name: (path) => path },
  { feature: 'F-FLT-06', what: 'has_', query: (path) => `has_${path}=false`, name: (path) => `has_${path}` },
  { feature: 'F-SORT-01', what: '_sort', query: (path) => `_sort=${path}`, name: () => '_sort' },
  { feature: 'F-FLD-01', what: '_fields', query: (path) => `_fields=${path}`, name: () => '_fields' },
];
const thousand = dottedPath(1000);

describe('hostile query strings: field paths', () => {
  for (const { feature, what, query, name } of FIELD_PATHS) {
    suite.case(
      `${feature} ${what} on a 1,000-segment dotted path → 400 errno 107 naming ${name('<path>')}`,
      list(query(thousand)),
      badParameter(name(thousand)),
    );
    suite.case(
      `${feature} ${what} on a path with 9 dots → 400 naming ${name('<path>')}`,
      list(query(dottedPath(10))),
      badParameter(name(dottedPath(10))),
    );
    suite.case(`${feature} ${what} on a path with 8 dots → 200`, list(query(dottedPath(9))), { status: 200 });
  }
  suite.case(
    'F-MTH-04 a plural DELETE filtered on a 1,000-segment path → 400, nothing deleted',
    ...refusedDelete(`${thousand}=1`, thousand),
  );
});

/**
 * Query strings refused with 400 errno 107: `[feature and what, query, the parameter named, path]`
 * (the parameter `null` when no name is required, the path the sentinel records by default).
 */
const REFUSED: ReadonlyArray<readonly [string, string, string | null, string?]> = [
  ['F-FLT-01 NUL in a filter value', 'title=a%00b', 'title'],
  ['F-FLT-01 NUL in a filter name', 'ti%00tle=a', null],
  ['F-FLT-05 NUL in a like_ value', 'like_title=%00', 'like_title'],
  ['F-FLT-04 NUL in an in_ list', 'in_title=a,%00,b', 'in_title'],
  ['F-FLT-07 NUL in a contains_ value', 'contains_tags=%5B%22%00%22%5D', 'contains_tags'],
  ['F-FLT-01 NUL in an id filter', 'id=s1%00', 'id'],
  ['F-SYNC-03 NUL in _since', '_since=1%00', '_since'],
  ['F-PAG-02 NUL in _token', '_limit=1&_token=%00', '_token'],
  ['F-KIN-HIS-04 NUL in a history filter (never 503)', 'uri=%00', null, '/v1/buckets/sentinels/history'],
  ['F-PAG-01 a negative _limit', '_limit=-1', '_limit'],
  ['F-PAG-01 a non-numeric _limit', '_limit=ten', '_limit'],
  ['F-PAG-02 a garbage _token', '_token=garbage!!', '_token'],
  [
    'F-PAG-02 a _token whose last_object is not an object',
    `_token=${btoa(JSON.stringify({ last_object: 5, offset: 1, nonce: 'x' }))}`,
    '_token',
  ],
  [
    'F-PAG-02 a _token of JSON nested 5,000 levels',
    `_token=${encodeURIComponent(btoa(nestedArrays(5000)))}`,
    '_token',
  ],
  ['F-SYNC-03 _since=1e400', '_since=1e400', '_since'],
  ['F-SYNC-03 a negative _since', '_since=-1', '_since'],
  ['F-SYNC-03 _before beyond 2^63', '_before=99999999999999999999', '_before'],
  ['F-FLT-09 gt_last_modified=1e400', 'gt_last_modified=1e400', 'gt_last_modified'],
];

/** Odd query strings that only must not fail: no 5xx, Kinto's error shape, the same on both. */
const ANSWERED: ReadonlyArray<readonly [string, string]> = [
  ['F-FLD-01 NUL in _fields', '_fields=ti%00tle'],
  // http-api.md §8: `_sort` entries that are not field names are skipped (nothing reaches a backend).
  ['F-SORT-01 NUL in _sort', '_sort=ti%00tle'],
  [
    'F-SORT-01 _sort on 2,000 fields',
    `_sort=${Array.from({ length: 2000 }, (_, index) => `f${index}`).join(',')}`,
  ],
  [
    'F-FLD-01 _fields with 2,000 fields',
    `_fields=${Array.from({ length: 2000 }, (_, index) => `f${index}`).join(',')}`,
  ],
  [
    'F-FLT-01 500 different filters at once',
    Array.from({ length: 500 }, (_, index) => `f${index}=${index}`).join('&'),
  ],
  ['F-PAG-01 a huge _limit', '_limit=99999999999999999999999'],
  ['F-PAG-01 _limit=1e400', '_limit=1e400'],
  [
    'F-FLT-04 in_ with 10,000 values',
    `in_n=${Array.from({ length: 10_000 }, (_, index) => index).join(',')}`,
  ],
  ['F-FLT-01 a 100 KB query string', `title=${'q'.repeat(100_000)}`],
  ['F-FLT-01 a 12 KB filter value', `title=${'q'.repeat(12_000)}`],
  ['F-FLT-07 contains_ with an array nested 5,000 levels', `contains_tags=${nestedArrays(5000)}`],
];

describe('hostile query strings: NUL, limits, tokens, timestamps', () => {
  for (const [what, query, name, path] of REFUSED) {
    suite.case(
      `${what} → 400 errno 107${name === null ? '' : ` naming ${name}`}`,
      list(query, path),
      name === null ? { status: 400, errno: 107 } : badParameter(name),
    );
  }
  suite.case(
    'F-MTH-04 a plural DELETE with NUL in a filter → 400, nothing deleted',
    ...refusedDelete('title=x%00', 'title'),
  );
  suite.case('F-PAG-02 a _token taken from another collection: no 5xx, the same on both', async (backend) => {
    const page = await must(backend, 'GET', `${SENTINEL.private}?_limit=1`, [200]);
    const next = new URL(String(page.headers.get('Next-Page')));
    return list(`_limit=1&_token=${encodeURIComponent(next.searchParams.get('_token') ?? '')}`);
  });
});

describe('hostile query strings: size and odd values', () => {
  for (const [what, query] of ANSWERED) {
    suite.case(`${what}: no 5xx, error shape, the same on both`, list(query));
  }
  suite.case(
    'F-PERM-08 NUL in a /permissions filter (filtered in memory, never a backend): no 5xx, the same on both',
    list('resource_name=%00', '/v1/permissions'),
  );
  suite.case(
    'F-FLT-05 like_ with 12 wildcards against a 10,000-character title: answered, no 5xx, the same on both',
    list(`like_title=${'*a'.repeat(12)}*b`, suite.records),
  );
});
