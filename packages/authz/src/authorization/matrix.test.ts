import type { JsonValue } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { ACTORS, type Actor, kintoScenario, USERNAMES } from '../testing/kinto-scenario.ts';

type Expected = Readonly<Record<Actor, number>>;
/** Expected status per actor, in {@link ACTORS} order: anonymous, stranger, owner, member, other. */
const s = (...statuses: number[]): Expected =>
  Object.fromEntries(ACTORS.map((actor, index) => [actor, statuses[index]!])) as Expected;

interface Cell {
  readonly method: string;
  readonly path: string;
  readonly body?: JsonValue;
  readonly expected: Expected;
  /** Ids listed (GET), counted (HEAD) or deleted (plural DELETE) on success, per actor. */
  readonly ids?: Partial<Record<Actor, readonly string[]>>;
}

interface Kind {
  readonly plural: string;
  readonly object: string;
  readonly body: JsonValue;
  readonly list: Expected;
  readonly listed: Partial<Record<Actor, readonly string[]>>;
  readonly create: Expected;
  readonly purge: Expected;
  readonly purged: Partial<Record<Actor, readonly string[]>>;
  readonly read: Expected;
  readonly write: Expected;
}

// Derived from permissions.md §3.3–§3.7 for the scenario of kintoScenario(): the owner wrote
// everything; group g (member) reads bucket b and writes collection c; other reads record r only.
const KINDS: Readonly<Record<string, Kind>> = {
  bucket: {
    plural: '/buckets',
    object: '/buckets/b',
    body: { data: { title: 'x' } },
    list: s(401, 200, 200, 200, 200), // bucket_create_principals = system.Authenticated → empty list
    listed: { stranger: [], owner: ['b'], member: ['b'], other: [] },
    create: s(401, 201, 201, 201, 201),
    purge: s(401, 200, 200, 200, 200),
    purged: { stranger: [], owner: ['b'], member: [], other: [] },
    read: s(401, 403, 200, 200, 403),
    write: s(401, 403, 200, 403, 403),
  },
  collection: {
    plural: '/buckets/b/collections',
    object: '/buckets/b/collections/c',
    body: { data: { title: 'x' } },
    list: s(401, 403, 200, 200, 403),
    listed: { owner: ['c'], member: ['c'] },
    create: s(401, 403, 201, 403, 403),
    purge: s(401, 403, 200, 200, 403), // member: write on c itself → shared plural delete
    purged: { owner: ['c'], member: ['c'] },
    read: s(401, 403, 200, 200, 403),
    write: s(401, 403, 200, 200, 403),
  },
  group: {
    plural: '/buckets/b/groups',
    object: '/buckets/b/groups/g',
    body: { data: { members: [] } },
    list: s(401, 403, 200, 200, 403),
    listed: { owner: ['g'], member: ['g'] },
    create: s(401, 403, 201, 403, 403),
    purge: s(401, 403, 200, 403, 403),
    purged: { owner: ['g'] },
    read: s(401, 403, 200, 200, 403),
    write: s(401, 403, 200, 403, 403),
  },
  record: {
    plural: '/buckets/b/collections/c/records',
    object: '/buckets/b/collections/c/records/r',
    body: { data: { title: 'x' } },
    list: s(401, 403, 200, 200, 200),
    listed: { owner: ['r', 'r2'], member: ['r', 'r2'], other: ['r'] },
    create: s(401, 403, 201, 201, 403),
    purge: s(401, 403, 200, 200, 403),
    purged: { owner: ['r', 'r2'], member: ['r', 'r2'] },
    read: s(401, 403, 200, 200, 200),
    write: s(401, 403, 200, 200, 403),
  },
};

function cellsOf(kind: Kind): [string, Cell][] {
  const { plural, object, body } = kind;
  return [
    ['GET plural', { method: 'GET', path: plural, expected: kind.list, ids: kind.listed }],
    ['HEAD plural', { method: 'HEAD', path: plural, expected: kind.list, ids: kind.listed }],
    ['POST plural', { method: 'POST', path: plural, body: { data: { id: 'fresh' } }, expected: kind.create }],
    ['DELETE plural', { method: 'DELETE', path: plural, expected: kind.purge, ids: kind.purged }],
    ['GET object', { method: 'GET', path: object, expected: kind.read }],
    ['HEAD object', { method: 'HEAD', path: object, expected: kind.read }], // as GET, without a body
    ['PUT object', { method: 'PUT', path: object, body, expected: kind.write }],
    ['PATCH object', { method: 'PATCH', path: object, body, expected: kind.write }],
    ['DELETE object', { method: 'DELETE', path: object, expected: kind.write }],
  ];
}

const ROWS = Object.entries(KINDS).flatMap(([name, kind]) =>
  cellsOf(kind).flatMap(([label, cell]) =>
    ACTORS.map((actor) => ({ title: `${name} ${label} as ${actor}`, cell, actor })),
  ),
);

describe('authorization matrix (actor × resource × method)', () => {
  it.each(ROWS)('F-PERM-02 F-PERM-04 F-PERM-05 F-PERM-06 $title', async ({ cell, actor }) => {
    const { call, snapshot } = await kintoScenario();
    const before = await snapshot();
    const response = await call(cell.method, cell.path, {
      user: USERNAMES[actor],
      ...(cell.body !== undefined ? { body: cell.body } : {}),
    });
    const expected = cell.expected[actor];
    expect(response.status, JSON.stringify(response.json)).toBe(expected);

    if (expected >= 400) {
      // A refusal reveals nothing and changes nothing.
      if (cell.method !== 'HEAD') {
        expect(response.json.data).toBeUndefined();
        expect(Object.keys(response.json).sort()).toEqual(['code', 'errno', 'error', 'message']);
      }
      if (expected === 401) {
        expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="Realm"');
        if (cell.method !== 'HEAD') expect(response.json.errno).toBe(104);
      }
      if (expected === 403 && cell.method !== 'HEAD') expect(response.json.errno).toBe(121);
      expect(await snapshot()).toEqual(before);
      return;
    }
    const ids = cell.ids?.[actor];
    if (cell.method === 'GET' && ids) {
      expect(response.json.data.map((object: { id: string }) => object.id).sort()).toEqual(ids);
    }
    if (cell.method === 'HEAD' && ids) expect(response.headers.get('Total-Objects')).toBe(String(ids.length));
    if (cell.method === 'DELETE' && ids) {
      expect(response.json.data.map((object: { id: string }) => object.id).sort()).toEqual(ids);
      if (ids.length === 0) expect(await snapshot()).toEqual(before);
    }
    if (cell.method === 'GET' || cell.method === 'HEAD') expect(await snapshot()).toEqual(before);
  });
});
