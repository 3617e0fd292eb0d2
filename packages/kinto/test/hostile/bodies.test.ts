import { describe } from 'vitest';
import { all, notPolluted, notStored, readData } from './checks.ts';
import { type AnswerContext, type HostileRequest, hostileSuite, must, type RequestOf } from './harness.ts';
import { bytes, dataBody, manyItems, manyKeys, nestedArrays, nestedObjects, paddedBody } from './payloads.ts';

// Hostile request bodies (issue 22): over the size, key, item and depth limits (`body_max_bytes`
// 2 MiB, `body_max_object_keys` and `body_max_array_items` 10,000, `body_max_depth` 64), NUL and lone
// surrogates, invalid UTF-8, unrepresentable numbers, odd top-level values, duplicate and
// `__proto__` keys.

const suite = hostileSuite('bodies');
const { records } = suite;
const MAX_BYTES = 2_097_152;

const put = (id: string, body: string | Uint8Array, extra: Partial<HostileRequest> = {}): HostileRequest => ({
  method: 'PUT',
  path: `${records}/${id}`,
  body,
  ...extra,
});

/** A refused write: 400 errno 107 about the body, and nothing stored. */
const refused = (id: string, name?: RegExp | readonly string[]) => ({
  status: 400,
  errno: 107,
  location: 'body',
  ...(name ? { name } : {}),
  after: notStored(`${records}/${id}`),
});

const tooLarge = (id: string) => ({
  status: 413,
  errno: 113,
  error: 'Request Entity Too Large',
  after: notStored(`${records}/${id}`),
});

/** The stored record has `check(data)` true on this backend. */
const stored =
  (id: string, check: (data: Record<string, unknown>) => boolean, what: string) =>
  async ({ backend }: AnswerContext) => {
    const data = await readData(backend, `${records}/${id}`);
    if (!check(data)) throw new Error(`stored ${what} wrongly: ${JSON.stringify(data).slice(0, 300)}`);
  };

/** A PATCH of a record the request first creates (per backend) with `{"title": "…"}`. */
const patchCreated =
  (id: string, body: string, contentType: string): RequestOf =>
  async (backend) => {
    await must(backend, 'PUT', `${records}/${id}`, [201], { json: { data: { title: id } } });
    return { method: 'PATCH', path: `${records}/${id}`, body, contentType };
  };

/** 4-character keys: 600,000 of them make a 5.4 MB object. */
const shortKey = (index: number) => index.toString(36).padStart(4, '0');

describe('hostile bodies: size limits', () => {
  suite.case(
    'F-ERR-01 a body of body_max_bytes + 1 with Content-Length → 413 errno 113',
    put('over-limit', paddedBody(MAX_BYTES + 1)),
    tooLarge('over-limit'),
  );
  suite.case(
    'F-ERR-01 a chunked body (no Content-Length) over body_max_bytes → 413 errno 113',
    put('over-limit-chunked', paddedBody(MAX_BYTES + 1), { chunked: true }),
    tooLarge('over-limit-chunked'),
  );
  suite.case(
    'F-ERR-01 a body of exactly body_max_bytes is accepted → 201',
    put('at-limit', paddedBody(MAX_BYTES)),
    { status: 201 },
  );
  suite.case(
    'F-ERR-01 the 5.4 MB body of one object with 600,000 keys → 413 errno 113 (over the byte limit)',
    put('600k-keys', dataBody(manyKeys(600_000, '0', shortKey))),
    tooLarge('600k-keys'),
  );
  suite.case(
    'F-RES-07 an object of 10,001 keys under the byte limit → 400 errno 107 naming data',
    put('10001-keys', dataBody(manyKeys(10_001))),
    refused('10001-keys', ['data']),
  );
  suite.case(
    'F-RES-03 an object of 10,000 keys (body_max_object_keys) is stored whole → 201',
    put('10000-keys', dataBody(manyKeys(10_000))),
    {
      status: 201,
      after: stored('10000-keys', (data) => Object.keys(data).length === 10_002, '10,000 keys'),
    },
  );
  suite.case(
    'F-RES-07 an array of 10,001 items → 400 errno 107',
    put('10001-items', dataBody(`{"list":${manyItems(10_001)}}`)),
    refused('10001-items'),
  );
  suite.case(
    'F-RES-03 an array of 10,000 items (body_max_array_items) is stored whole → 201',
    put('10000-items', dataBody(`{"list":${manyItems(10_000)}}`)),
    {
      status: 201,
      after: stored('10000-items', (data) => (data.list as unknown[]).length === 10_000, '10,000 items'),
    },
  );
});

describe('hostile bodies: nesting', () => {
  suite.case(
    'F-RES-07 objects nested 65 levels inside data (over body_max_depth) → 400 errno 107 naming the field',
    put('deep-65', dataBody(nestedObjects(65))),
    refused('deep-65', /^data(\.|$)/),
  );
  suite.case(
    'F-RES-03 objects nested 60 levels (under body_max_depth) are stored → 201',
    put('deep-60', dataBody(nestedObjects(60))),
    { status: 201 },
  );
  suite.case(
    'F-RES-07 objects nested 10,000 levels → 400 errno 107 (never 500)',
    put('deep-10000', dataBody(nestedObjects(10_000))),
    refused('deep-10000'),
  );
  suite.case(
    'F-RES-07 arrays nested 10,000 levels → 400 errno 107 (never 500)',
    put('deep-arrays', dataBody(`{"list":${nestedArrays(10_000)}}`)),
    refused('deep-arrays'),
  );
  suite.case(
    'F-RES-07 a POST whose body nests 100,000 levels → 400 errno 107',
    { method: 'POST', path: records, body: dataBody(nestedObjects(100_000)) },
    { status: 400, errno: 107, location: 'body' },
  );
});

describe('hostile bodies: characters', () => {
  const titleNamed = ['data.title', 'title', 'data'];
  const keyNamed = /^data(\.|$)/;
  suite.case(
    'F-RES-07 NUL (\\u0000) in a string value → 400 errno 107 naming the field',
    put('nul-value', '{"data":{"title":"a\\u0000b"}}'),
    refused('nul-value', titleNamed),
  );
  suite.case(
    'F-RES-07 NUL (\\u0000) in a key → 400 errno 107 naming the field',
    put('nul-key', '{"data":{"a\\u0000b":1}}'),
    refused('nul-key', keyNamed),
  );
  suite.case(
    'F-RES-07 a lone surrogate (\\ud800) in a value → 400 errno 107 naming the field',
    put('surrogate-value', '{"data":{"title":"a\\ud800b"}}'),
    refused('surrogate-value', titleNamed),
  );
  suite.case(
    'F-RES-07 a lone surrogate (\\udc00) in a key → 400 errno 107 naming the field',
    put('surrogate-key', '{"data":{"a\\udc00":1}}'),
    refused('surrogate-key', keyNamed),
  );
  suite.case(
    'F-RES-07 NUL deep inside a nested array value → 400 errno 107',
    put('nul-nested', '{"data":{"list":[1,{"x":["ok","\\u0000"]}]}}'),
    refused('nul-nested', /^(data|list)/),
  );
  suite.case(
    'F-RES-02 invalid UTF-8 bytes in the body → 400 errno 107',
    put('bad-utf8', bytes('{"data":{"title":"', [0xff, 0xfe, 0xc3], '"}}')),
    refused('bad-utf8'),
  );
  suite.case(
    'F-RES-02 an overlong UTF-8 encoding of "/" (0xC0 0xAF) → 400 errno 107',
    put('overlong-utf8', bytes('{"data":{"title":"', [0xc0, 0xaf], '"}}')),
    refused('overlong-utf8'),
  );
  suite.case(
    'F-RES-02 a UTF-8 byte order mark before the JSON: no 5xx, the same on both',
    put('bom', bytes([0xef, 0xbb, 0xbf], '{"data":{"title":"bom"}}')),
  );
});

describe('hostile bodies: JSON values', () => {
  suite.case(
    'F-RES-02 truncated JSON → 400 errno 107 "Invalid JSON"',
    put('truncated', '{"data":{"title":"abc"'),
    {
      ...refused('truncated'),
      after: all(notStored(`${records}/truncated`), ({ json }) => {
        if (!String(json.message).includes('Invalid JSON')) throw new Error(`message ${json.message}`);
      }),
    },
  );
  suite.case(
    'F-RES-07 the number 1e400 (not representable: it would be stored as null) → 400 errno 107',
    put('huge-number', '{"data":{"n":1e400}}'),
    refused('huge-number'),
  );
  suite.case(
    'F-RES-07 the number -1e400 → 400 errno 107',
    put('huge-negative', '{"data":{"n":-1e400}}'),
    refused('huge-negative'),
  );
  suite.case(
    'F-RES-03 a top-level array → 400 errno 107',
    put('top-array', '[{"data":{}}]'),
    refused('top-array'),
  );
  suite.case(
    'F-RES-03 a top-level string → 400 errno 107',
    put('top-string', '"data"'),
    refused('top-string'),
  );
  suite.case('F-RES-03 a top-level number → 400 errno 107', put('top-number', '42'), refused('top-number'));
  suite.case(
    'F-RES-03 data as an array → 400 errno 107',
    put('data-array', '{"data":[1,2]}'),
    refused('data-array'),
  );
  suite.case(
    'F-RES-03 duplicate keys: accepted, the last one wins on both backends → 201',
    put('duplicates', '{"data":{"a":1,"a":2}}'),
    { status: 201, after: stored('duplicates', (data) => data.a === 2, 'duplicate keys') },
  );
  suite.case(
    'F-RES-03 a 100 KB key: no 5xx, the same on both',
    put('long-key', dataBody(`{"${'k'.repeat(100_000)}":1}`)),
  );
});

describe('hostile bodies: prototype keys', () => {
  suite.case(
    'F-RES-03 a __proto__ key is stored as an ordinary key and pollutes nothing → 201',
    put('proto', '{"data":{"__proto__":{"polluted":true},"title":"proto"}}'),
    {
      status: 201,
      after: all(
        stored('proto', (data) => Object.hasOwn(data, '__proto__') && data.title === 'proto', '__proto__'),
        ({ backend }) => notPolluted(backend, suite.collection),
      ),
    },
  );
  suite.case(
    'F-RES-03 constructor.prototype keys are stored as ordinary keys → 201',
    put('constructor', '{"data":{"constructor":{"prototype":{"polluted":true}}}}'),
    {
      status: 201,
      after: all(
        stored('constructor', (data) => JSON.stringify(data.constructor).includes('polluted'), 'constructor'),
        ({ backend }) => notPolluted(backend, suite.collection),
      ),
    },
  );
  suite.case(
    'F-MTH-09 a merge-patch with __proto__ is stored as an ordinary key and pollutes nothing → 200',
    patchCreated('merge-proto', '{"data":{"__proto__":{"polluted":true}}}', 'application/merge-patch+json'),
    {
      status: 200,
      after: all(
        stored('merge-proto', (data) => Object.hasOwn(data, '__proto__'), 'merge-patched __proto__'),
        ({ backend }) => notPolluted(backend, suite.collection),
      ),
    },
  );
  suite.case(
    'F-MTH-10 a JSON-Patch add at /data/__proto__/polluted (no such own key) → 400 errno 107, pollutes nothing',
    patchCreated(
      'patch-proto',
      '[{"op":"add","path":"/data/__proto__/polluted","value":true}]',
      'application/json-patch+json',
    ),
    { status: 400, errno: 107, after: ({ backend }) => notPolluted(backend, suite.collection) },
  );
  suite.case(
    'F-MTH-10 a JSON-Patch add at /data/constructor/prototype/polluted → 400 errno 107, pollutes nothing',
    patchCreated(
      'patch-constructor',
      '[{"op":"add","path":"/data/constructor/prototype/polluted","value":true}]',
      'application/json-patch+json',
    ),
    { status: 400, errno: 107, after: ({ backend }) => notPolluted(backend, suite.collection) },
  );
});
