import { describe } from 'vitest';
import { notStored } from './checks.ts';
import {
  ARENA,
  type Backend,
  type Expectation,
  type HostileRequest,
  hostileSuite,
  SENTINEL,
  send,
} from './harness.ts';

// Hostile permissions (issue 22, F-PERM-*, F-KIN-GRP-01): principals with NUL or lone surrogates,
// 10,000 principals, permission names a resource does not have, JSON-Patch on
// `/permissions/<perm>/<principal>` with NUL or prototype keys, group members with NUL, and bob trying
// to grant himself what alice owns (the sentinels must come out unchanged).

const suite = hostileSuite('permissions', { arenaRecords: { target: { title: 't' } } });
const { records } = suite;
const target = `${records}/target`;

const patch = (permissions: unknown, path = target): HostileRequest => ({
  method: 'PATCH',
  path,
  json: { permissions },
});
const jsonPatch = (operations: unknown, path = target): HostileRequest => ({
  method: 'PATCH',
  path,
  json: operations,
  contentType: 'application/json-patch+json',
});

/** 400 errno 107 about the `permissions` body field (`permissions`, `permissions.read`…). */
const badPermissions: Expectation = { status: 400, errno: 107, location: 'body', name: /^permissions(\.|$)/ };

/** A PUT creating `path` that must be refused (400 naming `name`) and store nothing. */
const refusedCreate = (
  path: string,
  json: unknown,
  name: RegExp = /^permissions(\.|$)/,
): [HostileRequest, Expectation] => [
  { method: 'PUT', path, json },
  { status: 400, errno: 107, location: 'body', name, after: notStored(path) },
];

/** After the case, `target`'s read principals are `expected` (nothing half-applied). */
const readersAre =
  (expected: (readers: string[]) => boolean, what: string) =>
  async ({ backend }: { backend: Backend }) => {
    const reply = await send(backend, 'GET', target);
    const readers: string[] = reply.json?.permissions?.read ?? [];
    if (!expected(readers))
      throw new Error(`read principals ${JSON.stringify(readers).slice(0, 300)}: ${what}`);
  };
const noOddReader = readersAre(
  (readers) =>
    readers.every((principal) => !principal.includes('\u0000') && !/[\ud800-\udfff]/.test(principal)),
  'a refused principal was stored',
);

/** Principals that must be refused: `[what, one such principal]`. */
const ODD_PRINCIPALS: ReadonlyArray<readonly [string, string]> = [
  ['containing NUL', 'account:a\u0000b'],
  ['with a lone surrogate (\\ud800)', 'account:\ud800'],
  ['with a lone surrogate (\\udfff)', '\udfff'],
];

describe('hostile permissions: principals', () => {
  for (const [index, [what, principal]] of ODD_PRINCIPALS.entries()) {
    suite.case(
      `F-PERM-07 a read principal ${what} (PATCH) → 400 naming permissions, never 503`,
      patch({ read: [principal] }),
      {
        ...badPermissions,
        after: noOddReader,
      },
    );
    suite.case(
      `F-PERM-07 a principal ${what} on a record PUT → 400, nothing stored`,
      ...refusedCreate(`${records}/odd-principal-${index}`, {
        data: {},
        permissions: { write: [principal] },
      }),
    );
    suite.case(
      `F-PERM-07 a principal ${what} on a bucket PUT → 400, nothing stored`,
      ...refusedCreate(`/v1/buckets/odd-principal-${index}`, { permissions: { read: [principal] } }),
    );
    suite.case(
      `F-PERM-07 a principal ${what} on a collection PUT → 400, nothing stored`,
      ...refusedCreate(`${ARENA}/collections/odd-principal-${index}`, {
        permissions: { 'record:create': [principal] },
      }),
    );
  }
  suite.case(
    'F-PERM-07 10,000 read principals: no 5xx, the same on both, all kept when accepted',
    patch({ read: Array.from({ length: 10_000 }, (_, index) => `account:reader-${index}`) }),
    {
      status: 'any',
      async after(context) {
        if (context.status === 200)
          await readersAre((readers) => readers.length === 10_000, 'not 10,000')(context);
      },
    },
  );
  suite.case(
    'F-PERM-07 10,001 read principals (over body_max_array_items) → 400 errno 107',
    patch({ read: Array.from({ length: 10_001 }, (_, index) => `account:many-${index}`) }),
    {
      status: 400,
      errno: 107,
      after: readersAre((readers) => !readers.includes('account:many-0'), 'stored'),
    },
  );
  suite.case(
    'F-PERM-07 a 100 KB principal: no 5xx, the same on both',
    patch({ read: [`account:${'p'.repeat(100_000)}`] }),
  );
  suite.case(
    'F-PERM-07 a principal that is not a string → 400 errno 107',
    patch({ read: [1, null] }),
    badPermissions,
  );
  suite.case(
    'F-PERM-07 a principal list that is a string → 400 errno 107',
    patch({ read: 'system.Everyone' }),
    badPermissions,
  );
});

describe('hostile permissions: permission names', () => {
  suite.case(
    'F-RES-03 a permission a record does not have (record:create) → 400 errno 107',
    patch({ 'record:create': ['account:bob'] }),
    badPermissions,
  );
  suite.case(
    'F-RES-03 a __proto__ permission → 400 errno 107',
    { method: 'PATCH', path: target, body: '{"permissions":{"__proto__":["account:bob"]}}' },
    badPermissions,
  );
  suite.case(
    'F-RES-03 a constructor permission → 400 errno 107',
    patch({ constructor: ['account:bob'] }),
    badPermissions,
  );
  suite.case('F-RES-03 permissions as an array → 400 errno 107', patch([]), badPermissions);
  suite.case(
    'F-MTH-09 a merge-patch of permissions.__proto__ → 400 errno 107',
    {
      method: 'PATCH',
      path: target,
      body: '{"permissions":{"__proto__":{"account:bob":true}}}',
      contentType: 'application/merge-patch+json',
    },
    { status: 400, errno: 107 },
  );
});

describe('hostile permissions: JSON-Patch', () => {
  suite.case(
    'F-MTH-10 JSON-Patch add /permissions/read/<principal with NUL> → 400 errno 107',
    jsonPatch([{ op: 'add', path: '/permissions/read/a\u0000b' }]),
    { status: 400, errno: 107, after: noOddReader },
  );
  suite.case(
    'F-MTH-10 JSON-Patch add /permissions/read/<lone surrogate> → 400 errno 107',
    jsonPatch([{ op: 'add', path: '/permissions/read/\ud800' }]),
    { status: 400, errno: 107, after: noOddReader },
  );
  suite.case(
    'F-MTH-10 JSON-Patch add /permissions/read/__proto__: no 5xx, the same on both, stored as a principal when accepted',
    jsonPatch([{ op: 'add', path: '/permissions/read/__proto__' }]),
    {
      status: 'any',
      async after(context) {
        if (context.status === 200)
          await readersAre((readers) => readers.includes('__proto__'), 'missing')(context);
      },
    },
  );
  suite.case(
    'F-MTH-10 JSON-Patch add /permissions/__proto__/x → 400 errno 107',
    jsonPatch([{ op: 'add', path: '/permissions/__proto__/x' }]),
    { status: 400, errno: 107 },
  );
  suite.case(
    'F-MTH-10 JSON-Patch of 10,000 operations: no 5xx, the same on both',
    jsonPatch(
      Array.from({ length: 10_000 }, (_, index) => ({ op: 'add', path: `/data/f${index}`, value: index })),
    ),
  );
});

describe('hostile permissions: groups and the /permissions endpoint', () => {
  suite.case(
    'F-KIN-GRP-01 a group member containing NUL → 400 naming members, nothing stored',
    ...refusedCreate(`${ARENA}/groups/nul`, { data: { members: ['account:\u0000'] } }, /members/),
  );
  suite.case(
    'F-KIN-GRP-01 a group member with a lone surrogate → 400 naming members, nothing stored',
    ...refusedCreate(`${ARENA}/groups/surrogate`, { data: { members: ['account:\udc00'] } }, /members/),
  );
  suite.case(
    'F-PERM-08 anonymous GET /permissions → 200',
    { path: '/v1/permissions', auth: 'anonymous' },
    { status: 200 },
  );
  suite.case(
    'F-PERM-08 GET /permissions?_sort with NUL → 400 (never 503)',
    { path: '/v1/permissions?_sort=ur%00i' },
    { status: 400, errno: 107 },
  );
  suite.case('F-PERM-08 GET /permissions?uri on a 1,000-segment value: no 5xx, the same on both', {
    path: `/v1/permissions?uri=${'/x'.repeat(1000)}`,
  });
});

describe('hostile permissions: escalation attempts on the sentinels', () => {
  suite.case(
    'F-PERM-06 bob granting himself write on the shared record he reads → 403 errno 121',
    { ...patch({ write: ['account:bob'] }, `${SENTINEL.private}/shared`), auth: 'bob' },
    { status: 403, errno: 121 },
  );
  suite.case(
    'F-PERM-06 bob JSON-Patching himself into write of s1 (read through a group) → 403 errno 121',
    {
      ...jsonPatch([{ op: 'add', path: '/permissions/write/account:bob' }], `${SENTINEL.records}/s1`),
      auth: 'bob',
    },
    { status: 403, errno: 121 },
  );
  suite.case(
    'F-PERM-06 bob replacing the secret record → 403 errno 121',
    { method: 'PUT', path: `${SENTINEL.private}/secret`, json: { data: { owned: 'bob' } }, auth: 'bob' },
    { status: 403, errno: 121 },
  );
  suite.case(
    'F-PERM-06 bob adding himself to the readers group → 403 errno 121',
    {
      method: 'PATCH',
      path: `${SENTINEL.bucket}/groups/readers`,
      json: { data: { members: ['account:bob', 'system.Everyone'] } },
      auth: 'bob',
    },
    { status: 403, errno: 121 },
  );
  suite.case(
    'F-MTH-04 bob deleting the sentinel records he can read: 4xx or an empty list, nothing deleted',
    { method: 'DELETE', path: SENTINEL.records, auth: 'bob' },
    {
      status: [200, 403],
      after({ status, json }) {
        if (status === 200 && (json?.data ?? []).length > 0)
          throw new Error(`bob deleted ${JSON.stringify(json.data)}`);
      },
    },
  );
});
