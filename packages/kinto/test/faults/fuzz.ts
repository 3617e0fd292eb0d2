import type { HeaderPair } from '../hostile/raw-http.ts';
import { prng } from './prng.ts';

// The seeded fuzz pass: requests built from a PRNG — query strings (filters, sorting, limits,
// `_since`/`_before`, `_fields`), headers (preconditions, content types, credentials), bodies (random
// JSON, broken JSON, patches) and pagination tokens (real ones mutated, forged ones) — sent byte for
// byte. Whatever they are, the answer must come, and be below 500: PostgreSQL is up.

/** One fuzzed request, as the raw HTTP client sends it. */
export interface FuzzRequest {
  /** What kind of input it varies (a column of the report). */
  readonly kind: 'query' | 'headers' | 'body' | 'token';
  readonly method: string;
  /** The request target, verbatim. */
  readonly target: string;
  readonly headers: readonly HeaderPair[];
  readonly body?: string;
}

/** Where the fuzz pass may write, and what it starts from. */
export interface FuzzContext {
  /** `/v1/buckets/<b>/collections/<c>/records`: the collection the pass may change. */
  readonly records: string;
  /** Ids of records in it. */
  readonly ids: readonly string[];
  /** A real `_token` of a listing of it. */
  readonly token: string;
  /** `Authorization` of a writer of it. */
  readonly auth: string;
}

type Random = () => number;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, below: number) => Math.floor(random() * below);

const FIELDS = [
  'id',
  'last_modified',
  'title',
  'n',
  'a.b',
  'a.b.c',
  'deleted',
  'tags',
  '',
  'x'.repeat(300),
  'é',
  '..',
  'a..b',
  'data.n',
];
const PREFIXES = [
  '',
  'in_',
  'not_',
  'lt_',
  'gt_',
  'min_',
  'max_',
  'like_',
  'has_',
  'contains_',
  'contains_any_',
  'eq_',
  'exclude_',
  'bogus_',
];
const ATOMS = [
  '1',
  '-1',
  '0',
  '1e309',
  '-0',
  '3.14',
  '99999999999999999999999',
  'true',
  'false',
  'null',
  '""',
  '"x"',
  '[]',
  '[1,2]',
  '{}',
  '{"a":1}',
  'abc',
  '%',
  '*',
  'a*b',
  ',,',
  '1,2,3',
  "'",
  '"',
  '\\',
  '%00',
  '%ff',
  '%C3%A9',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '%uD800',
  '+',
  ' ',
  '%20',
  '[',
  '{',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
];

function value(random: Random): string {
  const parts = 1 + int(random, 3);
  return Array.from({ length: parts }, () => pick(random, ATOMS)).join(pick(random, ['', ',', '.', '%2C']));
}

function queryString(random: Random, context: FuzzContext): string {
  const params: string[] = [];
  for (let count = 1 + int(random, 4); count > 0; count--) {
    switch (int(random, 8)) {
      case 0:
        params.push(
          `_sort=${Array.from({ length: 1 + int(random, 3) }, () => `${pick(random, ['', '-', '--', '+'])}${pick(random, FIELDS)}`).join(',')}`,
        );
        break;
      case 1:
        params.push(
          `_limit=${pick(random, ['0', '-1', '1', '2', '10000', '1e3', 'abc', '', '99999999999999999999', '1.5'])}`,
        );
        break;
      case 2:
        params.push(
          `${pick(random, ['_since', '_before', '_to'])}=${pick(random, ['0', '"123"', '-5', 'abc', '', '1e20', '"', '""', `${Date.now()}`])}`,
        );
        break;
      case 3:
        params.push(
          `_fields=${Array.from({ length: 1 + int(random, 3) }, () => pick(random, FIELDS)).join(',')}`,
        );
        break;
      case 4:
        params.push(`_token=${pick(random, [context.token, '', 'abc'])}`);
        break;
      default:
        params.push(`${pick(random, PREFIXES)}${pick(random, FIELDS)}=${value(random)}`);
    }
  }
  return params.join('&');
}

function jsonValue(random: Random, depth: number): unknown {
  switch (depth > 3 ? int(random, 4) : int(random, 7)) {
    case 0:
      return int(random, 3) === 0 ? null : random() < 0.5;
    case 1:
      return pick(random, [0, -1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, 123456789]);
    case 2:
      return pick(random, [
        '',
        'x',
        'é',
        '\u0000',
        '\ud83d\ude00',
        'a'.repeat(int(random, 2000)),
        '{"a":1}',
        '<script>',
      ]);
    case 3:
      return pick(random, ['id', 'last_modified', 'deleted', '__proto__']);
    case 4:
      return Array.from({ length: int(random, 4) }, () => jsonValue(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let count = int(random, 5); count > 0; count--) {
        object[pick(random, [...FIELDS, '__proto__', 'constructor', 'id', 'last_modified', 'schema'])] =
          jsonValue(random, depth + 1);
      }
      return object;
    }
  }
}

function body(random: Random): { contentType: string; text: string } {
  switch (int(random, 6)) {
    case 0: {
      const text = JSON.stringify({ data: jsonValue(random, 0) });
      return { contentType: 'application/json', text: text.slice(0, 1 + int(random, text.length)) };
    }
    case 1:
      return {
        contentType: 'application/json-patch+json',
        text: JSON.stringify(
          Array.from({ length: 1 + int(random, 3) }, () => ({
            op: pick(random, ['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']),
            path: pick(random, [
              '/data/n',
              '/data',
              '/permissions/read/system.Everyone',
              '',
              '/',
              '/data/a~1b',
              '/data/-',
            ]),
            ...(random() < 0.7 ? { value: jsonValue(random, 2) } : {}),
            ...(random() < 0.2 ? { from: '/data/n' } : {}),
          })),
        ),
      };
    case 2:
      return {
        contentType: 'application/merge-patch+json',
        text: JSON.stringify({ data: jsonValue(random, 1) }),
      };
    case 3:
      return { contentType: 'application/json', text: JSON.stringify(jsonValue(random, 0)) };
    case 4:
      return {
        contentType: 'application/json',
        text: JSON.stringify({
          data: jsonValue(random, 1),
          permissions: {
            [pick(random, ['read', 'write', 'bogus'])]: [
              pick(random, ['system.Everyone', '', 'x'.repeat(500)]),
            ],
          },
        }),
      };
    default:
      return {
        contentType: pick(random, [
          'text/plain',
          'application/json; charset=latin1',
          '',
          'multipart/form-data',
        ]),
        text: '{"data": {}}',
      };
  }
}

const HEADER_VALUES: Readonly<Record<string, readonly string[]>> = {
  'If-Match': ['"1"', '*', '"abc"', 'abc', '""', `"${'9'.repeat(40)}"`, '"1", "2"', 'W/"1"'],
  'If-None-Match': ['*', '"1"', 'abc', '""', '"0"'],
  Accept: ['application/json', 'text/html', '*/*', '', 'application/xml;q=0.9, */*;q=0.1', 'bogus'],
  'Content-Type': ['application/json', 'text/plain', 'application/json-patch+json', 'bogus/bogus', ''],
  Authorization: [
    'Basic',
    'Basic !!!',
    'Basic Og==',
    'Bearer x',
    `Basic ${btoa('a:')}`,
    `Basic ${btoa(':b')}`,
    `Basic ${'A'.repeat(3000)}`,
  ],
  'X-Request-Id': ['x', '', 'y'.repeat(500)],
  'Response-Behavior': ['full', 'light', 'diff', 'bogus'],
  Origin: ['http://example.com', 'null', ''],
};

function fuzzHeaders(random: Random, context: FuzzContext): HeaderPair[] {
  const headers: HeaderPair[] = [];
  if (random() < 0.8) headers.push(['Authorization', context.auth]);
  for (let count = 1 + int(random, 3); count > 0; count--) {
    const name = pick(random, Object.keys(HEADER_VALUES));
    headers.push([name, pick(random, HEADER_VALUES[name] ?? [''])]);
  }
  return headers;
}

const recordTarget = (random: Random, context: FuzzContext) =>
  random() < 0.5
    ? context.records
    : `${context.records}/${pick(random, [...context.ids, 'missing', 'a'.repeat(300), '%00', '..%2F'])}`;

/** `count` requests drawn from `seed`; the same seed gives the same requests. */
export function fuzzRequests(seed: number, count: number, context: FuzzContext): FuzzRequest[] {
  const random = prng(seed);
  const requests: FuzzRequest[] = [];
  for (let index = 0; index < count; index++) {
    const kind = pick(random, ['query', 'headers', 'body', 'token'] as const);
    if (kind === 'query') {
      requests.push({
        kind,
        method: pick(random, ['GET', 'GET', 'HEAD', 'DELETE']),
        target: `${context.records}?${queryString(random, context)}`,
        headers: [['Authorization', context.auth]],
      });
    } else if (kind === 'headers') {
      const method = pick(random, ['GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'HEAD']);
      requests.push({
        kind,
        method,
        target: recordTarget(random, context),
        headers: fuzzHeaders(random, context),
        ...(method === 'PUT' || method === 'PATCH' || method === 'POST'
          ? { body: '{"data": {"n": 1}}' }
          : {}),
      });
    } else if (kind === 'body') {
      const { contentType, text } = body(random);
      requests.push({
        kind,
        method: pick(random, ['PUT', 'PATCH', 'POST']),
        target: recordTarget(random, context),
        headers: [
          ['Authorization', context.auth],
          ...(contentType ? ([['Content-Type', contentType]] as HeaderPair[]) : []),
        ],
        body: text,
      });
    } else {
      requests.push({
        kind,
        method: 'GET',
        target: `${context.records}?_limit=${1 + int(random, 3)}&_token=${mutateToken(random, context.token)}`,
        headers: [['Authorization', context.auth]],
      });
    }
  }
  return requests;
}

function mutateToken(random: Random, token: string): string {
  switch (int(random, 6)) {
    case 0: {
      const at = int(random, token.length);
      return `${token.slice(0, at)}${pick(random, ['A', '_', '-', '=', '%3D', '.'])}${token.slice(at + 1)}`;
    }
    case 1:
      return token.slice(0, int(random, token.length));
    case 2:
      return `${token}${pick(random, ['A', '==', 'xyz'])}`;
    case 3:
      return encodeURIComponent(base64(JSON.stringify(jsonValue(random, 1)) ?? 'null'));
    case 4:
      return encodeURIComponent(
        base64(
          JSON.stringify({ last_object: jsonValue(random, 2), offset: jsonValue(random, 3), nonce: 'x' }),
        ),
      );
    default:
      return token;
  }
}
