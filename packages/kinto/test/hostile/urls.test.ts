import { describe } from 'vitest';
import { type Expectation, hostileSuite, SENTINEL, send } from './harness.ts';

// Hostile URLs (issue 22, F-URL-*, F-ID-02, F-PERM-06): NUL, %2F and dot segments in ids, ids of
// 1,000 and 4,000 characters, invalid percent-encoding, double slashes, foreign versions, paths far
// longer than any client sends, and malformed request lines. Every case ends with a sentinel read:
// the server still serves.

const suite = hostileSuite('urls');
const { records } = suite;

const INVALID_ID: Expectation = { status: 400, errno: 107, location: 'path' };
const CLIENT_ERROR: Expectation = { status: '4xx' };

/** bob must not read `secret` through a path trick: a 4xx that does not leak its data. */
const noLeak: Expectation = {
  status: '4xx',
  after({ json }) {
    if (JSON.stringify(json ?? {}).includes('alice only')) throw new Error('the secret record leaked to bob');
  },
};

describe('hostile URLs: ids', () => {
  suite.case(
    'F-ID-02 NUL (%00) in a record id on GET → 400 errno 107 (path)',
    { path: `${records}/a%00b` },
    INVALID_ID,
  );
  suite.case(
    'F-ID-02 NUL (%00) in a record id on PUT → 400 errno 107, nothing stored',
    { method: 'PUT', path: `${records}/nul%00id`, json: { data: {} } },
    {
      ...INVALID_ID,
      async after({ backend }) {
        const listed = await send(backend, 'GET', `${records}?_fields=id`);
        const ids: string[] = (listed.json?.data ?? []).map((record: { id: string }) => record.id);
        if (ids.some((id) => id.includes('\u0000'))) throw new Error(`stored ids ${JSON.stringify(ids)}`);
      },
    },
  );
  suite.case(
    'F-ID-02 NUL in a bucket id on PUT → 400 errno 107',
    { method: 'PUT', path: '/v1/buckets/%00' },
    INVALID_ID,
  );
  suite.case(
    'F-ID-02 %2F in a record id: 4xx, the same on both',
    { method: 'PUT', path: `${records}/a%2Fb`, json: { data: {} } },
    CLIENT_ERROR,
  );
  suite.case('F-ID-02 an emoji bucket id → 400 errno 107', { path: '/v1/buckets/%F0%9F%A6%8A' }, INVALID_ID);
  suite.case(
    'F-MTH-05 a 1,000-character record id on GET → 404 errno 110',
    { path: `${records}/${'i'.repeat(1000)}` },
    { status: 404, errno: 110 },
  );
  suite.case('F-MTH-06 a 1,000-character record id on PUT: no 5xx, the same on both', {
    method: 'PUT',
    path: `${records}/${'i'.repeat(1000)}`,
    json: { data: { long: true } },
  });
  suite.case('F-MTH-06 a 4,000-character record id on PUT: no 5xx, the same on both', {
    method: 'PUT',
    path: `${records}/${'j'.repeat(4000)}`,
    json: { data: { long: true } },
  });
  suite.case('F-MTH-06 a 4,000-character bucket id on PUT: no 5xx, the same on both', {
    method: 'PUT',
    path: `/v1/buckets/${'b'.repeat(4000)}`,
  });
  suite.case(
    'F-KIN-DEF-03 NUL in a default-bucket collection id → 400 errno 107',
    { path: '/v1/buckets/default/collections/%00/records' },
    INVALID_ID,
  );
  suite.case('F-KIN-DEF-03 a 4,000-character default-bucket collection id: no 5xx, the same on both', {
    path: `/v1/buckets/default/collections/${'c'.repeat(4000)}/records`,
  });
});

describe('hostile URLs: dot segments', () => {
  suite.case('F-ID-02 a record id ".." → 4xx', { path: `${SENTINEL.records}/..` }, CLIENT_ERROR);
  suite.case(
    'F-PERM-06 bob reading secret through ../ → 4xx, nothing leaked',
    { path: `${SENTINEL.bucket}/collections/c/../private/records/secret`, auth: 'bob' },
    noLeak,
  );
  suite.case(
    'F-PERM-06 bob reading secret through shared/../secret → 4xx, nothing leaked',
    { path: `${SENTINEL.private}/shared/../secret`, auth: 'bob' },
    noLeak,
  );
  suite.case(
    'F-PERM-06 bob reading secret through %2e%2e → 4xx, nothing leaked',
    { path: `${SENTINEL.private}/shared/%2e%2e/secret`, auth: 'bob' },
    noLeak,
  );
  suite.case(
    'F-MTH-04 DELETE of a sentinel record path ending in /.. → 4xx (the list is not deleted)',
    { method: 'DELETE', path: `${SENTINEL.records}/s3/..` },
    CLIENT_ERROR,
  );
  suite.case(
    'F-MTH-04 DELETE of a sentinel record path ending in /%2e%2e → 4xx (the list is not deleted)',
    { method: 'DELETE', path: `${SENTINEL.records}/s3/%2e%2e` },
    CLIENT_ERROR,
  );
  suite.case(
    'F-URL-05 /v1/../v1/buckets: no 5xx, the same on both',
    { path: '/v1/../v1/buckets/sentinels' },
    { status: 'any' },
  );
});

describe('hostile URLs: encoding and shape', () => {
  suite.case('F-URL-05 invalid percent-encoding %zz → 4xx', { path: '/v1/buckets/%zz' }, CLIENT_ERROR);
  suite.case('F-URL-05 a truncated percent-escape → 4xx', { path: '/v1/buckets/sentinels%' }, CLIENT_ERROR);
  suite.case(
    'F-URL-05 a path of invalid UTF-8 (/v1/%82%AC) → 400 errno 107',
    { path: '/v1/%82%AC' },
    { status: 400, errno: 107 },
  );
  suite.case(
    'F-URL-05 an incomplete UTF-8 sequence in an id → 400 errno 107',
    { path: '/v1/buckets/%E0%A4%A' },
    { status: 400, errno: 107 },
  );
  suite.case('F-URL-05 double slashes inside /v1 → 4xx', { path: '/v1//buckets//sentinels' }, CLIENT_ERROR);
  suite.case('F-URL-02 a path starting with //: no 5xx, the same on both', { path: '//v1/buckets' });
  suite.case('F-URL-03 /v2/ → 404 errno 116', { path: '/v2/buckets' }, { status: 404, errno: 116 });
  suite.case('F-URL-03 /v0/ → 404 errno 116', { path: '/v0/' }, { status: 404, errno: 116 });
  suite.case(
    'F-URL-03 a 30-digit version → 404 errno 116',
    { path: `/v${'9'.repeat(30)}/buckets` },
    { status: 404, errno: 116 },
  );
  suite.case(
    'F-URL-05 a record path with ;params → 4xx',
    { path: `${SENTINEL.records}/s1;x=y` },
    CLIENT_ERROR,
  );
  suite.case(
    'F-URL-05 a path of 1,000 extra segments → 404 errno 111',
    { path: `${SENTINEL.records}/s1${'/x'.repeat(1000)}` },
    { status: 404, errno: 111 },
  );
  suite.case('F-URL-05 an 8 KB bucket id → 4xx', { path: `/v1/buckets/${'b'.repeat(8000)}` }, CLIENT_ERROR);
  suite.case(
    'F-URL-05 a 64 KB path (over the parser limit) → 4xx with the error shape',
    { path: `/v1/buckets/${'b'.repeat(64_000)}` },
    CLIENT_ERROR,
  );
  suite.case(
    'F-RES-01 TRACE on a bucket → 405 errno 115',
    { method: 'TRACE', path: SENTINEL.bucket },
    { status: 405, errno: 115 },
  );
  suite.case(
    'F-RES-01 an unknown method (PROPFIND): 4xx, the same on both',
    { method: 'PROPFIND', path: SENTINEL.bucket },
    { status: '4xx', parserLevel: true },
  );
});

describe('hostile URLs: request lines', () => {
  const line = (requestLine: string): { path: string; head: string } => ({
    path: '',
    head: `${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
  });
  const parser: Expectation = { status: 'any', parserLevel: true };
  suite.case('F-URL-01 two spaces in the request line: no 5xx', line('GET  /v1/ HTTP/1.1'), parser);
  suite.case('F-URL-01 HTTP/9.9: no 5xx', line('GET /v1/ HTTP/9.9'), parser);
  suite.case('F-URL-01 a lower-case method: no 5xx', line('get /v1/ HTTP/1.1'), parser);
  suite.case('F-URL-01 a raw NUL in the target: refused', line('GET /v1/\u0000 HTTP/1.1'), {
    status: '4xx',
    parserLevel: true,
  });
  suite.case(
    'F-URL-01 an absolute-form target: no 5xx, the same on both',
    line('GET http://evil.example/v1/ HTTP/1.1'),
    parser,
  );
  suite.case('F-URL-01 the asterisk target: no 5xx', line('GET * HTTP/1.1'), parser);
});
