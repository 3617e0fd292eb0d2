import { describe } from 'vitest';
import { all, notStored } from './checks.ts';
import { type AnswerContext, type Expectation, hostileSuite, SENTINEL, send } from './harness.ts';
import { dataBody, manyKeys, nestedObjects } from './payloads.ts';

// Hostile batches (issue 22, F-BATCH-*): subrequest bodies over the body limits, too many
// subrequests, recursive, absolute or NUL paths, bad subrequest headers, a hostile subrequest next
// to a valid write (all or nothing), and the anonymous `GET /permissions` subrequest that froze the
// memory backend (issue 25): it must answer, and storage requests after it too.

const suite = hostileSuite('batch');
const { records } = suite;
const batch = (text: string, auth: 'alice' | 'anonymous' = 'alice') => ({
  method: 'POST',
  path: '/v1/batch',
  body: text,
  auth,
});
/** A subrequest path: without the version prefix, as clients send them. */
const sub = (path: string) => path.replace(/^\/v1/, '');
const batchOf = (requests: unknown[], extra: Record<string, unknown> = {}) =>
  batch(JSON.stringify({ ...extra, requests }));

/** The statuses of a batch answer's subresponses (`undefined` when it has none). */
function subStatuses(json: unknown): unknown[] | undefined {
  const responses: unknown =
    typeof json === 'object' && json !== null ? Reflect.get(json, 'responses') : undefined;
  if (!Array.isArray(responses)) return undefined;
  return responses.map((response: { status?: unknown }) => response?.status);
}

/** No subresponse is a 5xx (a 5xx subrequest must fail the whole batch, utilities.md §7.3). */
function noSub5xx({ json }: AnswerContext): void {
  const statuses = subStatuses(json);
  if (Array.isArray(statuses) && statuses.some((status) => Number(status) >= 500)) {
    throw new Error(`subresponses ${JSON.stringify(statuses)} include a 5xx`);
  }
}

const answered: Expectation = { status: 'any', same: subStatuses, after: noSub5xx };

/** A valid write, put first in a batch next to a hostile subrequest. */
const validWrite = (id: string) => ({ method: 'PUT', path: sub(`${records}/${id}`), body: { data: { id } } });

/**
 * All or nothing: when the batch answers 4xx the valid write is not stored; when it answers 200
 * the write is stored exactly when its own subresponse says so.
 */
const allOrNothing = (id: string): Expectation => ({
  status: 'any',
  same: subStatuses,
  after: all(noSub5xx, async ({ backend, status, json }) => {
    const stored = (await send(backend, 'GET', `${records}/${id}`)).status === 200;
    const acknowledged = status === 200 && Number(json?.responses?.[0]?.status) < 300;
    if (stored !== acknowledged) {
      throw new Error(
        `batch ${status} (subresponses ${JSON.stringify(subStatuses(json))}) but the valid write is ${stored ? '' : 'not '}stored`,
      );
    }
  }),
});

describe('hostile batch: size and shape', () => {
  suite.case(
    'F-BATCH-01 a subrequest body nested 10,000 levels → 400 errno 107 (never 500)',
    batch(
      `{"requests":[{"method":"PUT","path":"${records}/deep","body":${dataBody(nestedObjects(10_000))}}]}`,
    ),
    { status: 400, errno: 107, after: notStored(`${records}/deep`) },
  );
  suite.case(
    'F-BATCH-01 1,000 subrequests (over batch_max_requests) → 400 errno 107 naming requests',
    batchOf(Array.from({ length: 1000 }, () => ({ path: '/' }))),
    { status: 400, errno: 107, name: 'requests' },
  );
  suite.case(
    'F-BATCH-01 26 subrequests (batch_max_requests + 1) → 400 naming requests',
    batchOf(Array.from({ length: 26 }, () => ({ path: '/' }))),
    { status: 400, errno: 107, name: 'requests' },
  );
  suite.case(
    'F-BATCH-01 requests as a 1 MB string → 400 errno 107',
    batch(JSON.stringify({ requests: 'r'.repeat(1_000_000) })),
    {
      status: 400,
      errno: 107,
    },
  );
  suite.case(
    'F-BATCH-01 defaults with a body nested 10,000 levels → 400 errno 107',
    batch(`{"defaults":{"body":${dataBody(nestedObjects(10_000))}},"requests":[{"path":"/"}]}`),
    { status: 400, errno: 107 },
  );
  suite.case(
    'F-BATCH-01 a lower-case subrequest method → 400 errno 107',
    batchOf([{ method: 'get', path: '/' }]),
    {
      status: 400,
      errno: 107,
    },
  );
  suite.case('F-BATCH-01 the CONNECT method → 400 errno 107', batchOf([{ method: 'CONNECT', path: '/' }]), {
    status: 400,
    errno: 107,
  });
});

describe('hostile batch: subrequest paths and headers', () => {
  suite.case('F-BATCH-01 a /batch subrequest → 400 errno 107', batchOf([{ path: '/batch' }]), {
    status: 400,
    errno: 107,
  });
  suite.case('F-BATCH-01 a /v1/batch/ subrequest → 400 errno 107', batchOf([{ path: '/v1/batch/' }]), {
    status: 400,
    errno: 107,
  });
  suite.case(
    'F-BATCH-01 an absolute URL as path → 400 errno 107',
    batchOf([{ path: 'http://evil.example/v1/buckets' }]),
    { status: 400, errno: 107 },
  );
  suite.case(
    'F-BATCH-02 a protocol-relative path //evil.example/v1/buckets: no 5xx, the same on both',
    batchOf([{ path: '//evil.example/v1/buckets' }]),
    answered,
  );
  suite.case(
    'F-BATCH-02 NUL in a subrequest path: no 5xx, the same on both',
    batchOf([{ path: sub(`${SENTINEL.records}/s1\u0000`) }]),
    answered,
  );
  suite.case(
    'F-BATCH-02 a lone surrogate in a subrequest path: no 5xx, the same on both',
    batchOf([{ path: sub(`${SENTINEL.records}/s\ud800`) }]),
    answered,
  );
  suite.case(
    'F-BATCH-02 NUL in a subrequest header value: no 5xx, the same on both',
    batchOf([{ path: '/', headers: { 'X-Hostile': 'a\u0000b' } }]),
    answered,
  );
  suite.case(
    'F-BATCH-02 a subrequest header name with a space: no 5xx, the same on both',
    batchOf([{ path: '/', headers: { 'Bad Header': 'x' } }]),
    answered,
  );
  suite.case(
    'F-BATCH-02 a NUL-user Authorization in defaults: no 5xx, the same on both',
    batchOf([{ path: '/buckets/sentinels' }], {
      defaults: { headers: { Authorization: `Basic ${btoa('a\u0000b:pw')}` } },
    }),
    answered,
  );
  suite.case(
    'F-BATCH-02 25 subrequests each filtering on a 1,000-segment path: no 5xx, the same on both',
    batchOf(
      Array.from({ length: 25 }, () => ({
        path: `/buckets/sentinels/collections/c/records?${'a.'.repeat(999)}a=1`,
      })),
    ),
    answered,
  );
});

describe('hostile batch: all or nothing', () => {
  suite.case(
    'F-BATCH-03 a valid write + a /batch subrequest → 400, the valid write not stored',
    batchOf([validWrite('w-recursive'), { path: '/batch' }]),
    { status: 400, errno: 107, after: notStored(`${records}/w-recursive`) },
  );
  suite.case(
    'F-BATCH-03 a valid write + a subrequest body of 10,001 keys → 400, the valid write not stored',
    batch(
      `{"requests":[${JSON.stringify(validWrite('w-keys'))},{"method":"PUT","path":"${records}/many","body":${dataBody(manyKeys(10_001))}}]}`,
    ),
    { status: 400, errno: 107, after: notStored(`${records}/w-keys`) },
  );
  suite.case(
    'F-BATCH-03 a valid write + a NUL value write: all or nothing, no 5xx, the same on both',
    batchOf([
      validWrite('w-nul'),
      { method: 'PUT', path: sub(`${records}/nul`), body: { data: { t: '\u0000' } } },
    ]),
    allOrNothing('w-nul'),
  );
  suite.case(
    'F-BATCH-03 a valid write + a NUL principal: all or nothing, no 5xx, the same on both',
    batchOf([
      validWrite('w-principal'),
      { method: 'PUT', path: sub(`${records}/principal`), body: { permissions: { read: ['a\u0000b'] } } },
    ]),
    allOrNothing('w-principal'),
  );
  suite.case(
    'F-BATCH-03 a valid write + a NUL id: all or nothing, no 5xx, the same on both',
    batchOf([validWrite('w-id'), { method: 'PUT', path: sub(`${records}/a\u0000`), body: { data: {} } }]),
    allOrNothing('w-id'),
  );
  suite.case(
    'F-BATCH-03 a valid write + a NUL-user Authorization subrequest: all or nothing, no 5xx',
    batchOf([
      validWrite('w-auth'),
      { path: '/buckets/sentinels', headers: { Authorization: `Basic ${btoa('a\u0000b:pw')}` } },
    ]),
    allOrNothing('w-auth'),
  );
});

describe('hostile batch: the permissions endpoint (issue 25)', () => {
  suite.case(
    'F-PERM-08 anonymous batch [GET /permissions] answers 200, and storage requests still answer',
    batch('{"requests": [{"method": "GET", "path": "/permissions"}]}', 'anonymous'),
    { status: 200, same: subStatuses, after: noSub5xx },
  );
  suite.case(
    'F-PERM-08 alice batch [GET /permissions, GET a sentinel] → 200, both subresponses 200',
    batchOf([
      { method: 'GET', path: '/permissions' },
      { path: '/buckets/sentinels/collections/c/records/s1' },
    ]),
    {
      status: 200,
      same: subStatuses,
      after({ json }) {
        const statuses = subStatuses(json);
        if (JSON.stringify(statuses) !== '[200,200]')
          throw new Error(`subresponses ${JSON.stringify(statuses)}`);
      },
    },
  );
});
