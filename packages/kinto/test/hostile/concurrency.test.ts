import { describe, expect } from 'vitest';
import {
  type Backend,
  type BackendName,
  CASE_TIMEOUT_MS,
  type Expectation,
  hostileSuite,
  type RequestOf,
  SENTINEL,
  send,
} from './harness.ts';
import { basicFromBytes, bytes, dataBody, dottedPath, nestedObjects } from './payloads.ts';

// Writers and attackers at once (issue 22; F-MTH-07, F-TS-05): on each backend, 50 clients PATCH one
// sentinel with a field each and 50 PATCH another with the same If-Match, while hostile requests from
// the other groups run against the same server. Every acknowledged field must be stored, exactly one
// If-Match PATCH must win, the hostile requests get their usual answers, and at the end (afterAll)
// the two sentinels hold exactly that — the other sentinels are unchanged.
// (test/e2e/concurrent-writes.test.ts covers 100 writers alone; here the point is the mix.)

const CLIENTS = 50;
const suite = hostileSuite('concurrency', {
  sentinelRecords: { hot: { base: 1 }, 'hot-if-match': { base: 2 } },
});
const { records } = suite;

const acknowledged: Record<BackendName, string[]> = { memory: [], postgres: [] };
const winner: Record<BackendName, string[]> = { memory: [], postgres: [] };
const ALICE_ONLY = { write: ['account:alice'] };

/** The fields a case wrote, beside `id`, `last_modified` and the seeded `base`. */
const written = (data: Record<string, unknown>) =>
  Object.keys(data)
    .filter((key) => !['id', 'last_modified', 'base'].includes(key))
    .sort();

suite.amend('hot', (data, permissions, backend) => {
  expect(data.base, 'seeded field of hot').toBe(1);
  expect(written(data), 'hot holds exactly the acknowledged fields').toEqual(
    [...(acknowledged[backend] ?? [])].sort(),
  );
  expect(permissions, 'permissions of hot').toEqual(ALICE_ONLY);
});
suite.amend('hot-if-match', (data, permissions, backend) => {
  expect(data.base, 'seeded field of hot-if-match').toBe(2);
  expect(written(data), 'hot-if-match holds exactly the If-Match winner').toEqual(winner[backend]);
  expect(permissions, 'permissions of hot-if-match').toEqual(ALICE_ONLY);
});

/** Hostile requests from the other groups, sent while the writers run. */
const ATTACKS: ReadonlyArray<readonly [string, RequestOf, Expectation]> = [
  [
    'bodies: data nested 10,000 levels',
    { method: 'PUT', path: `${records}/deep`, body: dataBody(nestedObjects(10_000)) },
    { status: 400, errno: 107 },
  ],
  [
    'bodies: NUL in a value',
    { method: 'PUT', path: `${records}/nul`, body: '{"data":{"t":"\\u0000"}}' },
    { status: 400, errno: 107 },
  ],
  [
    'bodies: NUL in a value of the hot sentinel',
    { method: 'PATCH', path: `${SENTINEL.records}/hot`, body: '{"data":{"nul":"\\u0000"}}' },
    { status: 400, errno: 107 },
  ],
  [
    'permissions: a NUL principal on the hot sentinel',
    { method: 'PATCH', path: `${SENTINEL.records}/hot`, json: { permissions: { read: ['a\u0000b'] } } },
    { status: 400, errno: 107 },
  ],
  [
    'headers: If-Match garbage on the hot sentinel',
    {
      method: 'PATCH',
      path: `${SENTINEL.records}/hot`,
      json: { data: { garbage: true } },
      headers: { 'If-Match': 'garbage' },
    },
    { status: 400, errno: 107 },
  ],
  [
    'headers: a NUL user id',
    { path: SENTINEL.bucket, headers: { Authorization: basicFromBytes(bytes('a', [0], ':pw')) } },
    { status: 401, errno: 104 },
  ],
  [
    'query: a 1,000-segment filter',
    { path: `${SENTINEL.records}?${dottedPath(1000)}=1` },
    { status: 400, errno: 107 },
  ],
  ['query: NUL in _since', { path: `${SENTINEL.records}?_since=1%00` }, { status: 400, errno: 107 }],
  ['urls: NUL in an id', { path: `${SENTINEL.records}/hot%00` }, { status: 400, errno: 107 }],
  [
    'batch: a valid write + a /batch subrequest',
    {
      method: 'POST',
      path: '/v1/batch',
      json: {
        requests: [{ method: 'PUT', path: `${records}/w`, body: { data: {} } }, { path: '/batch' }],
      },
    },
    { status: 400, errno: 107 },
  ],
  [
    'batch: anonymous [GET /permissions]',
    {
      method: 'POST',
      path: '/v1/batch',
      auth: 'anonymous',
      body: '{"requests": [{"method": "GET", "path": "/permissions"}]}',
    },
    { status: 200 },
  ],
];

/** What one backend answered to the writers, and what it stored once they were done. */
interface Storm {
  readonly backend: BackendName;
  readonly merges: Record<number, number>;
  readonly ifMatch: Record<number, number>;
  /** Acknowledged merge fields missing from `hot` right after the writes. */
  readonly missing: string[];
  /** The `f<n>` fields of `hot-if-match` right after the writes, and the acknowledged winners. */
  readonly ifMatchStored: string[];
  readonly ifMatchWinners: string[];
}

const counts = (statuses: readonly number[]) => {
  const tally: Record<number, number> = {};
  for (const status of statuses) tally[status] = (tally[status] ?? 0) + 1;
  return tally;
};

/** A PATCH of one writer; 0 when it got no answer in time. */
const patchStatus = (
  backend: Backend,
  id: string,
  data: Record<string, number>,
  headers: Record<string, string> = {},
) =>
  send(backend, 'PATCH', `${SENTINEL.records}/${id}`, { json: { data }, headers }).then(
    (reply) => reply.status,
    () => 0,
  );

/** The two groups of writers on one backend, then what it stored (read at once, before any restart). */
async function storm(backend: Backend): Promise<Storm> {
  const etag = `"${(await send(backend, 'GET', `${SENTINEL.records}/hot-if-match`)).json.data.last_modified}"`;
  const indexes = Array.from({ length: CLIENTS }, (_, index) => index);
  const [merges, ifMatch] = await Promise.all([
    Promise.all(indexes.map((index) => patchStatus(backend, 'hot', { [`m${index}`]: index }))),
    Promise.all(
      indexes.map((index) =>
        patchStatus(backend, 'hot-if-match', { [`f${index}`]: index }, { 'If-Match': etag }),
      ),
    ),
  ]);
  acknowledged[backend.name] = indexes.filter((index) => merges[index] === 200).map((index) => `m${index}`);
  winner[backend.name] = indexes.filter((index) => ifMatch[index] === 200).map((index) => `f${index}`);
  const hot = (await send(backend, 'GET', `${SENTINEL.records}/hot`)).json?.data ?? {};
  const ifMatchData = (await send(backend, 'GET', `${SENTINEL.records}/hot-if-match`)).json?.data ?? {};
  return {
    backend: backend.name,
    merges: counts(merges),
    ifMatch: counts(ifMatch),
    missing: acknowledged[backend.name].filter((field) => hot[field] === undefined),
    ifMatchStored: written(ifMatchData),
    ifMatchWinners: winner[backend.name],
  };
}

describe('hostile concurrency: writers and attackers at once', () => {
  suite.it(
    `F-MTH-07 F-TS-05 ${CLIENTS} merging PATCHes + ${CLIENTS} If-Match PATCHes on two sentinels while hostile requests run`,
    async () => {
      const storms = Promise.all(suite.backends().map((backend) => storm(backend)));
      const attacks = (async () => {
        const failures: string[] = [];
        for (const [name, request, expectation] of ATTACKS) {
          try {
            await suite.hostile(`during writes: ${name}`, request, expectation);
          } catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
          }
        }
        return failures;
      })();
      const [results, failures] = await Promise.all([storms, attacks]);
      for (const result of results) {
        const name = result.backend;
        expect.soft(result.merges, `${name}: merging PATCH statuses`).toEqual({ 200: CLIENTS });
        expect.soft(result.missing, `${name}: acknowledged fields missing from hot`).toEqual([]);
        expect.soft(result.ifMatch, `${name}: If-Match PATCH statuses`).toEqual({ 200: 1, 412: CLIENTS - 1 });
        expect.soft(result.ifMatchStored, `${name}: If-Match fields stored`).toEqual(result.ifMatchWinners);
      }
      expect.soft(failures, 'hostile requests during the writes').toEqual([]);
    },
    CASE_TIMEOUT_MS * 3,
  );
});
