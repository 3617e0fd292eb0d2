import { describe } from 'vitest';
import { notStored } from './checks.ts';
import { authOf, type Expectation, type HostileRequest, hostileSuite, SENTINEL } from './harness.ts';
import { basicFromBytes, bytes } from './payloads.ts';
import type { HeaderPair } from './raw-http.ts';

// Hostile headers (issue 22, F-AUTH-*, F-TS-*, F-RES-02): Basic credentials with NUL, invalid UTF-8
// or no colon, huge Authorization values, malformed preconditions, Content-Type and Accept variants,
// and header sets up to and beyond what Node's HTTP parser accepts (beyond it Node answers on its own;
// the server must then keep serving — every case ends with a sentinel read).

const suite = hostileSuite('headers');
const { records } = suite;

/** An anonymous request (the credentials are not accepted): 401 errno 104 on the private bucket. */
const ANONYMOUS: Expectation = { status: 401, errno: 104 };
const withAuthorization = (value: string): HostileRequest => ({
  path: SENTINEL.bucket,
  headers: { Authorization: value },
});

/** A request whose header set Node's parser refuses or not; either way the server keeps serving. */
const PARSER_LEVEL: Expectation = { status: 'any', parserLevel: true };
const PARSER_REFUSES: Expectation = { status: '4xx', parserLevel: true };

const manyHeaders = (count: number, size: number): HeaderPair[] =>
  Array.from({ length: count }, (_, index) => [`X-Hostile-${index}`, 'v'.repeat(size)] as const);

describe('hostile headers: Basic credentials', () => {
  suite.case(
    'F-AUTH-02 Basic Auth whose user id contains NUL (no account) → 401 errno 104, never 503',
    withAuthorization(basicFromBytes(bytes('a', [0], 'b:pw'))),
    ANONYMOUS,
  );
  suite.case(
    'F-AUTH-02 Basic Auth with NUL in the password of a real account → 401 errno 104',
    withAuthorization(basicFromBytes(bytes('alice:alice', [0], 'secret'))),
    ANONYMOUS,
  );
  suite.case(
    'F-AUTH-02 Basic Auth whose user id is invalid UTF-8 → 401 errno 104',
    withAuthorization(basicFromBytes(bytes([0xff, 0xfe, 0xed, 0xa0, 0x80], ':pw'))),
    ANONYMOUS,
  );
  suite.case(
    'F-AUTH-02 Basic Auth whose user id is an encoded lone surrogate (ED A0 80) → 401 errno 104',
    withAuthorization(basicFromBytes(bytes([0xed, 0xa0, 0x80], ':pw'))),
    ANONYMOUS,
  );
  suite.case('F-AUTH-01 "Basic" with no value → 401', withAuthorization('Basic'), ANONYMOUS);
  suite.case('F-AUTH-01 "Basic !!!" (not base64) → 401', withAuthorization('Basic !!!'), ANONYMOUS);
  suite.case(
    'F-AUTH-01 Basic of ":" (empty user and password) → 401',
    withAuthorization('Basic Og=='),
    ANONYMOUS,
  );
  suite.case('F-AUTH-01 Basic without a colon → 401', withAuthorization(`Basic ${btoa('alice')}`), ANONYMOUS);
  suite.case('F-AUTH-01 a Bearer token → 401', withAuthorization('Bearer abc.def.ghi'), ANONYMOUS);
  suite.case(
    'F-AUTH-01 a 12 KB Basic user id (under the parser limit) → 401 errno 104',
    withAuthorization(`Basic ${btoa(`${'u'.repeat(9000)}:pw`)}`),
    ANONYMOUS,
  );
  suite.case(
    'F-AUTH-01 a 64 KB Authorization header (over the parser limit): refused, the server keeps serving',
    withAuthorization(`Basic ${btoa(`${'u'.repeat(48_000)}:pw`)}`),
    PARSER_REFUSES,
  );
  suite.case(
    'F-AUTH-01 alice credentials with a lower-case scheme: no 5xx, the same on both',
    withAuthorization(authOf('alice').replace('Basic', 'basic')),
  );
  suite.case('F-AUTH-01 two Authorization headers (alice, then garbage): no 5xx, the same on both', {
    path: SENTINEL.bucket,
    headers: [
      ['Authorization', authOf('alice')],
      ['Authorization', 'Basic !!!'],
    ],
  });
});

describe('hostile headers: preconditions', () => {
  const patchSentinel = (headers: Record<string, string>): HostileRequest => ({
    method: 'PATCH',
    path: `${SENTINEL.records}/s2`,
    json: { data: { changed: true } },
    headers,
  });
  const malformed: Expectation = { status: 400, errno: 107, location: 'header' };
  suite.case(
    'F-TS-06 If-Match garbage on a sentinel PATCH → 400 errno 107 (the sentinel unchanged)',
    patchSentinel({ 'If-Match': 'garbage' }),
    { ...malformed, name: 'If-Match' },
  );
  suite.case('F-TS-06 If-Match "1e400" → 400 errno 107', patchSentinel({ 'If-Match': '"1e400"' }), {
    ...malformed,
    name: 'If-Match',
  });
  suite.case(
    'F-TS-06 If-Match of 20 digits: 4xx, the same on both',
    patchSentinel({ 'If-Match': '"99999999999999999999"' }),
    {
      status: '4xx',
    },
  );
  suite.case(
    'F-TS-06 If-None-Match garbage on a GET → 400 errno 107',
    { path: `${SENTINEL.records}/s1`, headers: { 'If-None-Match': 'W/"1", garbage' } },
    { ...malformed, name: 'If-None-Match' },
  );
  suite.case(
    'F-TS-05 If-None-Match: * on a GET of an existing record → 412 errno 114',
    { path: `${SENTINEL.records}/s1`, headers: { 'If-None-Match': '*' } },
    { status: 412, errno: 114 },
  );
  suite.case(
    'F-TS-05 If-None-Match: * on a GET of a list → 412 errno 114',
    { path: SENTINEL.records, headers: { 'If-None-Match': '*' } },
    { status: 412, errno: 114 },
  );
  suite.case(
    'F-MTH-11 Response-Behavior garbage on a sentinel PATCH → 400 errno 107 (the sentinel unchanged)',
    patchSentinel({ 'Response-Behavior': 'everything' }),
    { status: 400, errno: 107 },
  );
});

describe('hostile headers: Content-Type and Accept', () => {
  const write = (id: string, contentType: string, method = 'PUT'): HostileRequest => ({
    method,
    path: method === 'PUT' ? `${records}/${id}` : records,
    json: { data: { id, title: contentType } },
    contentType,
  });
  const unsupported = (id: string): Expectation => ({
    status: 415,
    errno: 107,
    after: notStored(`${records}/${id}`),
  });
  suite.case(
    'F-RES-02 application/json; charset=utf-8 → 201',
    write('ct1', 'application/json; charset=utf-8'),
    {
      status: 201,
    },
  );
  suite.case(
    'F-RES-02 application/json;charset=UTF-8 → 201',
    write('ct2', 'application/json;charset=UTF-8'),
    {
      status: 201,
    },
  );
  suite.case('F-RES-02 APPLICATION/JSON: no 5xx, the same on both', write('ct3', 'APPLICATION/JSON'));
  suite.case(
    'F-RES-02 application/json with odd parameters: no 5xx, the same on both',
    write('ct4', 'application/json; charset="utf-8"; foo="a;b"; ;;'),
  );
  suite.case(
    'F-RES-02 application/json with 8 KB of parameters: no 5xx, the same on both',
    write('ct5', `application/json; ${Array.from({ length: 800 }, (_, index) => `p${index}=v`).join('; ')}`),
  );
  suite.case(
    'F-RES-02 application/jsonx → 415 errno 107',
    write('ct6', 'application/jsonx'),
    unsupported('ct6'),
  );
  suite.case('F-RES-02 text/plain → 415 errno 107', write('ct7', 'text/plain'), unsupported('ct7'));
  suite.case(
    'F-RES-02 multipart/form-data → 415 errno 107',
    write('ct8', 'multipart/form-data; boundary=xyz'),
    unsupported('ct8'),
  );
  suite.case(
    'F-RES-02 application/json-patch+json on a PUT → 415 errno 107',
    write('ct9', 'application/json-patch+json'),
    unsupported('ct9'),
  );
  suite.case(
    'F-RES-02 application/merge-patch+json on a POST → 415 errno 107',
    write('ct10', 'application/merge-patch+json', 'POST'),
    unsupported('ct10'),
  );
  suite.case(
    'F-RES-02 Accept: text/html → 406 errno 107',
    { path: SENTINEL.bucket, headers: { Accept: 'text/html' } },
    {
      status: 406,
      errno: 107,
    },
  );
  suite.case('F-RES-02 an 8 KB Accept header: no 5xx, the same on both', {
    path: SENTINEL.bucket,
    headers: { Accept: Array.from({ length: 800 }, (_, index) => `a/b${index};q=0.1`).join(',') },
  });
  suite.case('F-CORS-02 a preflight asking for 8 KB of headers: no 5xx, the same on both', {
    method: 'OPTIONS',
    path: SENTINEL.bucket,
    auth: 'anonymous',
    headers: {
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': Array.from({ length: 800 }, (_, index) => `x-h${index}`).join(','),
    },
  });
});

describe('hostile headers: header sets and bytes', () => {
  suite.case(
    'F-RES-01 100 headers of 100 bytes (10 KB) → 200',
    { path: SENTINEL.bucket, headers: manyHeaders(100, 100) },
    {
      status: 200,
    },
  );
  suite.case(
    'F-RES-01 2,100 tiny headers (over maxHeadersCount, under the size limit): no 5xx, the same on both',
    { path: SENTINEL.bucket, headers: Array.from({ length: 2100 }, () => ['a', 'b'] as const) },
    PARSER_LEVEL,
  );
  suite.case(
    'F-RES-01 300 headers of 100 bytes (30 KB, over the parser limit): refused, the server keeps serving',
    { path: SENTINEL.bucket, headers: manyHeaders(300, 100) },
    PARSER_REFUSES,
  );
  suite.case(
    'F-RES-01 NUL in a header value: refused, the server keeps serving',
    { path: SENTINEL.bucket, headers: { 'X-Hostile': 'a\u0000b' } },
    PARSER_REFUSES,
  );
  suite.case(
    'F-RES-01 a header name with a space: refused, the server keeps serving',
    { path: SENTINEL.bucket, headers: { 'Bad Header': 'x' } },
    PARSER_REFUSES,
  );
  suite.case(
    'F-RES-01 Latin-1 bytes (é) in a header value: no 5xx, the same on both',
    { path: SENTINEL.bucket, headers: { 'X-Hostile': 'caf\u00e9' } },
    PARSER_LEVEL,
  );
  suite.case(
    'F-RES-01 two different Content-Length headers: refused, nothing stored',
    {
      method: 'PUT',
      path: `${records}/smuggled`,
      body: '{"data":{}}',
      headers: [
        ['Content-Length', '11'],
        ['Content-Length', '5'],
      ],
    },
    { ...PARSER_REFUSES, after: notStored(`${records}/smuggled`) },
  );
  suite.case(
    'F-RES-01 Content-Length and Transfer-Encoding together: refused or read as chunked, never 5xx',
    {
      method: 'PUT',
      path: `${records}/te-cl`,
      body: '0\r\n\r\n',
      headers: [
        ['Content-Length', '5'],
        ['Transfer-Encoding', 'chunked'],
      ],
    },
    PARSER_LEVEL,
  );
  suite.case(
    'F-RES-01 Expect: 100-continue on a PUT → 201',
    { method: 'PUT', path: `${records}/continue`, json: { data: {} }, headers: { Expect: '100-continue' } },
    { status: 201 },
  );
  suite.case(
    'F-RES-01 an unknown Expect value: refused, the server keeps serving',
    { method: 'PUT', path: `${records}/expect`, json: { data: {} }, headers: { Expect: 'the-unexpected' } },
    { ...PARSER_REFUSES, after: notStored(`${records}/expect`) },
  );
  suite.case('F-TK-LOG an 8 KB X-Request-Id: no 5xx, the same on both', {
    path: SENTINEL.bucket,
    headers: { 'X-Request-Id': 'r'.repeat(8000) },
  });
});
