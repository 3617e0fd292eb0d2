import { describe } from 'vitest';
import {
  type Backend,
  type Expectation,
  hostileSuite,
  must,
  PRIVATE_RECORDS,
  SENTINEL_RECORDS,
  send,
} from './harness.ts';
import { dottedPath, nestedArrays } from './payloads.ts';

// Hostile query strings (issue 22, F-FLT-*, F-SORT-*, F-PAG-*, F-FLD-01, F-SYNC-03): field paths
// of 1,000 segments and just over the 8-dot limit, NUL anywhere, limits and tokens that are not
// numbers or not ours, and query strings far longer than any client sends. Reads go to the sentinel
// records (they must come out unchanged); plural DELETEs go to this file's arena collection.

const suite = hostileSuite('query', {
  async setup(backend: Backend) {
    const records = `${suite.collection}/records`;
    await must(backend, 'PUT', `${records}/long`, [201], { json: { data: { title: 'a'.repeat(10_000) } } });
    await must(backend, 'PUT', `${records}/short`, [201], { json: { data: { title: 'x', n: 1 } } });
  },
});

const list = (query: string, path = SENTINEL_RECORDS) => ({ path: `${path}?${query}` });

/** 400 errno 107 about the query-string parameter `name`. */
const badParameter = (name: string): Expectation => ({
  status: 400,
  errno: 107,
  name,
  location: 'querystring',
});

/** A plural DELETE of the arena records that must be refused and delete nothing. */
const refusedDelete = (query: string, name?: string): [{ method: string; path: string }, Expectation] => [
  { method: 'DELETE', path: `${suite.collection}/records?${query}` },
  {
    status: 400,
    errno: 107,
    ...(name !== undefined ? { name } : {}),
    async after({ backend }) {
      const remaining = await send(backend, 'GET', `${suite.collection}/records?_sort=id&_fields=id`);
      const ids = (remaining.json?.data ?? []).map((record: { id: string }) => record.id);
      if (!ids.includes('long') || !ids.includes('short')) {
        throw new Error(`the refused DELETE deleted records: ${JSON.stringify(ids)} remain`);
      }
    },
  },
];

const thousand = dottedPath(1000);
const nineDots = dottedPath(10);
const eightDots = dottedPath(9);

describe('hostile query strings: field paths', () => {
  suite.case(
    'F-FLT-01 a filter on a 1,000-segment dotted path → 400 errno 107 naming the parameter',
    list(`${thousand}=1`),
    badParameter(thousand),
  );
  suite.case(
    'F-FLT-06 has_ on a 1,000-segment dotted path → 400 errno 107 naming the parameter',
    list(`has_${thousand}=true`),
    badParameter(`has_${thousand}`),
  );
  suite.case(
    'F-SORT-01 _sort on a 1,000-segment dotted path → 400 errno 107 naming _sort',
    list(`_sort=${thousand}`),
    badParameter('_sort'),
  );
  suite.case(
    'F-FLD-01 _fields on a 1,000-segment dotted path → 400 errno 107 naming _fields',
    list(`_fields=${thousand}`),
    badParameter('_fields'),
  );
  suite.case(
    'F-FLT-01 a filter path with 9 dots → 400 naming it',
    list(`${nineDots}=1`),
    badParameter(nineDots),
  );
  suite.case(
    'F-FLT-06 has_ on a path with 9 dots → 400 naming it',
    list(`has_${nineDots}=true`),
    badParameter(`has_${nineDots}`),
  );
  suite.case('F-SORT-01 _sort on a path with 9 dots → 400', list(`_sort=${nineDots}`), badParameter('_sort'));
  suite.case(
    'F-FLD-01 _fields on a path with 9 dots → 400',
    list(`_fields=${nineDots}`),
    badParameter('_fields'),
  );
  suite.case('F-FLT-01 a filter path with 8 dots → 200', list(`${eightDots}=1`), { status: 200 });
  suite.case('F-FLT-06 has_ on a path with 8 dots → 200', list(`has_${eightDots}=false`), { status: 200 });
  suite.case('F-SORT-01 _sort on a path with 8 dots → 200', list(`_sort=${eightDots}`), { status: 200 });
  suite.case('F-FLD-01 _fields on a path with 8 dots → 200', list(`_fields=${eightDots}`), { status: 200 });
  suite.case(
    'F-MTH-04 a plural DELETE filtered on a 1,000-segment path → 400, nothing deleted',
    ...refusedDelete(`${thousand}=1`, thousand),
  );
  suite.case(
    'F-SORT-01 _sort on 2,000 fields: no 5xx, the same on both',
    list(`_sort=${Array.from({ length: 2000 }, (_, index) => `f${index}`).join(',')}`),
  );
  suite.case(
    'F-FLD-01 _fields with 2,000 fields: no 5xx, the same on both',
    list(`_fields=${Array.from({ length: 2000 }, (_, index) => `f${index}`).join(',')}`),
  );
  suite.case(
    'F-FLT-01 500 different filters at once: no 5xx, the same on both',
    list(Array.from({ length: 500 }, (_, index) => `f${index}=${index}`).join('&')),
  );
});

describe('hostile query strings: NUL', () => {
  suite.case(
    'F-FLT-01 NUL in a filter value → 400 naming the filter',
    list('title=a%00b'),
    badParameter('title'),
  );
  suite.case('F-FLT-01 NUL in a filter name → 400', list('ti%00tle=a'), { status: 400, errno: 107 });
  suite.case('F-FLT-05 NUL in a like_ value → 400', list('like_title=%00'), badParameter('like_title'));
  suite.case('F-FLT-04 NUL in an in_ list → 400', list('in_title=a,%00,b'), badParameter('in_title'));
  suite.case(
    'F-FLT-07 NUL in a contains_ value → 400',
    list('contains_tags=%5B%22%00%22%5D'),
    badParameter('contains_tags'),
  );
  suite.case('F-FLT-01 NUL in an id filter → 400', list('id=s1%00'), badParameter('id'));
  suite.case('F-SORT-01 NUL in _sort → 400 naming _sort', list('_sort=ti%00tle'), badParameter('_sort'));
  suite.case('F-SYNC-03 NUL in _since → 400 naming _since', list('_since=1%00'), badParameter('_since'));
  suite.case('F-FLD-01 NUL in _fields: no 5xx, the same on both', list('_fields=ti%00tle'));
  suite.case(
    'F-PAG-02 NUL in _token → 400 naming _token',
    list('_limit=1&_token=%00'),
    badParameter('_token'),
  );
  suite.case(
    'F-MTH-04 a plural DELETE with NUL in a filter → 400, nothing deleted',
    ...refusedDelete('title=x%00', 'title'),
  );
  suite.case(
    'F-KIN-HIS-04 NUL in a history filter → 400 (never 503)',
    list('uri=%00', '/v1/buckets/sentinels/history'),
    { status: 400, errno: 107 },
  );
  suite.case(
    'F-PERM-08 NUL in a /permissions filter → 400 (never 503)',
    list('resource_name=%00', '/v1/permissions'),
    {
      status: 400,
      errno: 107,
    },
  );
});

describe('hostile query strings: limits, tokens, timestamps', () => {
  suite.case('F-PAG-01 a huge _limit: no 5xx, the same on both', list('_limit=99999999999999999999999'));
  suite.case('F-PAG-01 a negative _limit → 400 naming _limit', list('_limit=-1'), badParameter('_limit'));
  suite.case('F-PAG-01 a non-numeric _limit → 400 naming _limit', list('_limit=ten'), badParameter('_limit'));
  suite.case('F-PAG-01 _limit=1e400: no 5xx, the same on both', list('_limit=1e400'));
  suite.case(
    'F-PAG-02 a garbage _token → 400 naming _token',
    list('_token=garbage!!'),
    badParameter('_token'),
  );
  suite.case(
    'F-PAG-02 a _token whose last_object is not an object → 400 naming _token',
    list(`_token=${btoa(JSON.stringify({ last_object: 5, offset: 1, nonce: 'x' }))}`),
    badParameter('_token'),
  );
  suite.case(
    'F-PAG-02 a _token of JSON nested 5,000 levels → 400 naming _token',
    list(`_token=${encodeURIComponent(btoa(nestedArrays(5000)))}`),
    badParameter('_token'),
  );
  suite.case('F-PAG-02 a _token taken from another collection: no 5xx, the same on both', async (backend) => {
    const page = await must(backend, 'GET', `${PRIVATE_RECORDS}?_limit=1`, [200]);
    const next = new URL(String(page.headers.get('Next-Page')));
    return list(`_limit=1&_token=${encodeURIComponent(next.searchParams.get('_token') ?? '')}`);
  });
  suite.case('F-SYNC-03 _since=1e400 → 400 naming _since', list('_since=1e400'), badParameter('_since'));
  suite.case('F-SYNC-03 a negative _since → 400 naming _since', list('_since=-1'), badParameter('_since'));
  suite.case(
    'F-SYNC-03 _before beyond 2^63 → 400 naming _before',
    list('_before=99999999999999999999'),
    badParameter('_before'),
  );
  suite.case(
    'F-FLT-09 gt_last_modified=1e400 → 400',
    list('gt_last_modified=1e400'),
    badParameter('gt_last_modified'),
  );
});

describe('hostile query strings: size', () => {
  suite.case(
    'F-FLT-04 in_ with 10,000 values: no 5xx, error shape, the same on both',
    list(`in_n=${Array.from({ length: 10_000 }, (_, index) => index).join(',')}`),
  );
  suite.case(
    'F-FLT-01 a 100 KB query string: no 5xx, error shape, the same on both',
    list(`title=${'q'.repeat(100_000)}`),
  );
  suite.case('F-FLT-01 a 12 KB filter value: no 5xx, the same on both', list(`title=${'q'.repeat(12_000)}`));
  suite.case(
    'F-FLT-07 contains_ with an array nested 5,000 levels: no 5xx, the same on both',
    list(`contains_tags=${nestedArrays(5000)}`),
  );
  suite.case(
    'F-FLT-05 like_ with 12 wildcards against a 10,000-character title: answered, no 5xx, the same on both',
    list(`like_title=${'*a'.repeat(12)}*b`, `${suite.collection}/records`),
  );
});
