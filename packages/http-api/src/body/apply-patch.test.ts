import type { JsonObject } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { applyPatch, type PatchTarget } from './apply-patch.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

const options = { allowedPermissions: ['read', 'write', 'record:create'] };

function stored(): PatchTarget {
  return deepFreeze({
    data: { id: 'abc', last_modified: 10, title: 'T', nested: { x: 1, y: [1, 2] }, tags: ['a'] },
    permissions: { read: ['bob'], write: ['alice', 'carol'] },
  });
}

describe('applyPatch — application/json (F-MTH-07)', () => {
  it('F-MTH-07 shallow merge: given keys replace, others kept, null stored as null', () => {
    const result = applyPatch('json', stored(), { data: { nested: { x: 3 }, extra: null } }, options);
    expect(result.data).toEqual({
      id: 'abc',
      last_modified: 10,
      title: 'T',
      nested: { x: 3 },
      tags: ['a'],
      extra: null,
    });
    expect(result.requestedData).toEqual({ nested: { x: 3 }, extra: null });
    expect(result.permissionsChanged).toBe(false);
    expect(result.permissions).toEqual({ read: ['bob'], write: ['alice', 'carol'], 'record:create': [] });
  });

  it('F-MTH-07 a given permission replaces that permission only; null is ignored', () => {
    const result = applyPatch(
      'json',
      stored(),
      { permissions: { read: ['eve', 'eve'], write: null } },
      options,
    );
    expect(result.permissions).toEqual({ read: ['eve'], write: ['alice', 'carol'], 'record:create': [] });
    expect(result.permissionsChanged).toBe(true);
    expect(result.data).toEqual(stored().data);
    expect(result.requestedData).toEqual({});
  });

  it('F-MTH-07 an empty body or {} → "Provide at least one of data or permissions"', () => {
    for (const body of [undefined, {}]) {
      const error = thrown(() => applyPatch('json', stored(), body, options));
      expect(error.status).toBe(400);
      expect(error.errno).toBe(107);
      expect(error.details).toEqual([
        { location: 'body', name: 'data', description: 'Provide at least one of data or permissions' },
      ]);
      expect(error.message).toBe('Provide at least one of data or permissions');
    }
    expect(applyPatch('json', stored(), { data: {} }, options).data).toEqual(stored().data);
  });

  it('F-MTH-07 envelope errors apply (unknown keys, bad permissions)', () => {
    expect(thrown(() => applyPatch('json', stored(), { datta: {} }, options)).message).toContain('datta');
    expect(thrown(() => applyPatch('json', stored(), { permissions: { admin: [] } }, options)).message).toBe(
      'permissions in body: "admin" is not one of read, write, record:create',
    );
    expect(thrown(() => applyPatch('json', stored(), [{ op: 'add' }], options)).status).toBe(400);
  });
});

describe('applyPatch — application/merge-patch+json (F-MTH-09)', () => {
  it('F-MTH-09 merges recursively, null removes, arrays and scalars replace', () => {
    const body = {
      data: { nested: { x: null, z: { deep: true } }, tags: ['b'], title: null, fresh: { n: null } },
    };
    const result = applyPatch('merge-patch', stored(), body, options);
    expect(result.data).toEqual({
      id: 'abc',
      last_modified: 10,
      nested: { y: [1, 2], z: { deep: true } },
      tags: ['b'],
      fresh: {},
    });
    expect(result.requestedData).toEqual(body.data);
  });

  it('F-MTH-09 an object patch over a non-object value replaces it (RFC 7396)', () => {
    const result = applyPatch('merge-patch', stored(), { data: { title: { lang: 'fr' } } }, options);
    expect(result.data.title).toEqual({ lang: 'fr' });
  });

  it('F-MTH-09 "perm": null removes the permission entirely; lists replace', () => {
    const result = applyPatch(
      'merge-patch',
      stored(),
      { permissions: { read: null, 'record:create': ['system.Authenticated'] } },
      options,
    );
    expect(result.permissions).toEqual({
      read: [],
      write: ['alice', 'carol'],
      'record:create': ['system.Authenticated'],
    });
    expect(result.permissionsChanged).toBe(true);
  });

  it('F-MTH-09 {} → "Provide at least one of data or permissions"', () => {
    expect(thrown(() => applyPatch('merge-patch', stored(), {}, options)).message).toBe(
      'Provide at least one of data or permissions',
    );
  });

  it('F-MTH-09 a __proto__ key is merged as a plain key', () => {
    const body = JSON.parse('{"data": {"__proto__": {"polluted": true}}}');
    const result = applyPatch('merge-patch', stored(), body, options);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.hasOwn(result.data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('applyPatch — application/json-patch+json (F-MTH-10)', () => {
  it('F-MTH-10 applies operations on data; requestedData is the whole patched data', () => {
    const result = applyPatch(
      'json-patch',
      stored(),
      [
        { op: 'add', path: '/data/nested/y/-', value: 3 },
        { op: 'replace', path: '/data/title', value: 'New' },
        { op: 'remove', path: '/data/tags' },
        { op: 'copy', from: '/data/nested', path: '/data/copy' },
        { op: 'move', from: '/data/copy/x', path: '/data/moved' },
        { op: 'test', path: '/data/id', value: 'abc' },
      ],
      options,
    );
    expect(result.data).toEqual({
      id: 'abc',
      last_modified: 10,
      title: 'New',
      nested: { x: 1, y: [1, 2, 3] },
      copy: { y: [1, 2, 3] },
      moved: 1,
    });
    expect(result.requestedData).toEqual(result.data);
    expect(result.permissionsChanged).toBe(false);
  });

  it('F-MTH-10 /permissions/<perm>/<principal> grants and revokes with an implied value', () => {
    const result = applyPatch(
      'json-patch',
      stored(),
      [
        { op: 'add', path: '/permissions/read/alice' },
        { op: 'remove', path: '/permissions/write/carol' },
        { op: 'add', path: '/permissions/write/~1buckets~1b~1groups~1g' },
        { op: 'test', path: '/permissions/read/bob' },
      ],
      options,
    );
    expect(result.permissions).toEqual({
      read: ['bob', 'alice'],
      write: ['alice', '/buckets/b/groups/g'],
    });
    expect(result.permissionsChanged).toBe(true);
  });

  it('F-MTH-10 create permissions are not patched with an implied value: 400, as Kinto', () => {
    for (const path of ['/permissions/record:create/system.Everyone', '/permissions/record:create/x']) {
      const error = thrown(() => applyPatch('json-patch', stored(), [{ op: 'add', path }], options));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/JSON Patch operation failed/);
    }
  });

  it('F-MTH-10 read and write exist even when nobody holds them', () => {
    const empty = deepFreeze({ data: { id: 'r' }, permissions: {} });
    const result = applyPatch(
      'json-patch',
      empty,
      [{ op: 'add', path: '/permissions/read/system.Everyone' }],
      {
        allowedPermissions: ['read', 'write'],
      },
    );
    expect(result.permissions).toEqual({ read: ['system.Everyone'], write: [] });
  });

  it('F-MTH-10 a failing operation → 400 "JSON Patch operation failed: <reason>"', () => {
    const cases: unknown[] = [
      [{ op: 'test', path: '/data/title', value: 'other' }],
      [{ op: 'remove', path: '/data/missing' }],
      [{ op: 'replace', path: '/data/missing/deeper', value: 1 }],
      [{ op: 'add', path: '/data/a/b/c', value: 1 }],
      [{ op: 'move', path: '/data/x' }],
      [{ op: 'add', path: '/data/x' }],
      [{ op: 'add', path: '/data/nested/y/9', value: 1 }],
      [{ op: 'add', path: '/permissions/unknown/bob' }],
    ];
    for (const body of cases) {
      const error = thrown(() => applyPatch('json-patch', stored(), body, options));
      expect(error.status).toBe(400);
      expect(error.errno).toBe(107);
      expect(error.message).toMatch(/^JSON Patch operation failed: \S/);
      expect(error.message).not.toContain('tree:');
    }
  });

  it('F-MTH-10 operations are validated like Kinto: op, path, from, unknown keys', () => {
    const names = (body: unknown) =>
      (
        thrown(() => applyPatch('json-patch', stored(), body, options)).details as Array<{ name: string }>
      ).map((detail) => detail.name);
    expect(names([{ op: 'delete', path: '/data/a' }])).toEqual(['0.op']);
    expect(names([{ path: '/data/a' }, { op: 'add' }])).toEqual(['0.op', '1.path']);
    expect(names([{ op: 'add', path: 'data/a', value: 1 }])).toEqual(['0.path']);
    expect(names([{ op: 'add', path: '', value: 1 }])).toEqual(['0.path']);
    expect(names([{ op: 'copy', path: '/data/a', from: 3 }])).toEqual(['0.from']);
    expect(names([{ op: 'add', path: '/data/a', value: 1, extra: true }])).toEqual(['0']);
    expect(names(['add'])).toEqual(['0']);
    const error = thrown(() =>
      applyPatch('json-patch', stored(), [{ op: 'delete', path: '/data/a' }], options),
    );
    expect(error.message).toBe('0.op in body: "delete" is not one of test, add, remove, replace, move, copy');
  });

  it('F-MTH-10 the body must be a list', () => {
    for (const body of [undefined, {}, 'x', null]) {
      const error = thrown(() => applyPatch('json-patch', stored(), body, options));
      expect(error.message).toMatch(/is not iterable$/);
    }
    expect(applyPatch('json-patch', stored(), [], options).data).toEqual(stored().data);
  });

  it('F-MTH-10 prototype tampering is refused with 400', () => {
    const error = thrown(() =>
      applyPatch(
        'json-patch',
        stored(),
        [{ op: 'add', path: '/data/__proto__/polluted', value: 1 }],
        options,
      ),
    );
    expect(error.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('F-MTH-10 removing data or breaking permissions → 400, not a crash', () => {
    expect(
      thrown(() => applyPatch('json-patch', stored(), [{ op: 'remove', path: '/data' }], options)).details,
    ).toEqual([
      {
        location: 'body',
        name: 'data',
        description: '"None" is not a mapping type: Does not implement dict-like functionality.',
      },
    ]);
    const bad = [{ op: 'replace', path: '/permissions/read', value: 5 }];
    expect(thrown(() => applyPatch('json-patch', stored(), bad, options)).details).toEqual([
      { location: 'body', name: 'permissions.read', description: '"5" is not a mapping of principals' },
    ]);
    const unknown = [{ op: 'add', path: '/permissions/admin', value: { bob: 'bob' } }];
    expect(thrown(() => applyPatch('json-patch', stored(), unknown, options)).message).toBe(
      'permissions in body: "admin" is not one of read, write, record:create',
    );
  });

  it('F-MTH-10 a permission replaced by a list, or removed as a whole, is honoured', () => {
    const result = applyPatch(
      'json-patch',
      stored(),
      [
        { op: 'replace', path: '/permissions/read', value: ['x', 'y'] },
        { op: 'remove', path: '/permissions/write' },
      ],
      options,
    );
    expect(result.permissions).toEqual({ read: ['x', 'y'], write: [] });
  });
});

describe('applyPatch — isolation', () => {
  it('F-MTH-07 never mutates the stored object nor aliases it or the body', () => {
    const target = stored();
    const snapshot = JSON.stringify(target);
    const body = { data: { nested: { x: 9 }, list: [{ a: 1 }] }, permissions: { read: ['z'] } };
    for (const kind of ['json', 'merge-patch'] as const) {
      const result = applyPatch(kind, target, body, options);
      expect(JSON.stringify(target)).toBe(snapshot);
      expect(result.data.tags).not.toBe(target.data.tags);
      expect(result.data.list).not.toBe(body.data.list);
      expect((result.data.list as JsonObject[])[0]).not.toBe(body.data.list[0]);
      expect(result.permissions.read).not.toBe(body.permissions.read);
      expect(result.permissions.write).not.toBe(target.permissions.write);
      expect(result.requestedData.nested).not.toBe(result.data.nested);
    }
    const ops = [{ op: 'add', path: '/data/v', value: { deep: [1] } }];
    const patched = applyPatch('json-patch', target, ops, options);
    expect(JSON.stringify(target)).toBe(snapshot);
    expect(patched.data.v).not.toBe(ops[0]!.value);
    expect(patched.data.nested).not.toBe(target.data.nested);
    expect(patched.requestedData.v).not.toBe(patched.data.v);
  });
});
