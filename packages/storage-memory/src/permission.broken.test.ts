import {
  type PermissionConformanceOptions,
  type PermissionGroup,
  permissionAccessibleObjectsGroup,
  permissionAcesGroup,
  permissionChecksGroup,
  permissionGroups,
  permissionLifecycleGroup,
  permissionPrincipalsGroup,
  permissionTransactionsGroup,
  permissionWildcardsGroup,
  runGroup,
} from '@core/conformance';
import type { ObjectPermissions, PermissionBackend } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import {
  createMemoryPermission,
  createMemoryPermissionState,
  type MemoryPermissionState,
} from './permission.ts';

type Overrides = (real: PermissionBackend, state: MemoryPermissionState) => Partial<PermissionBackend>;

/** The memory backend with some methods replaced by wrong ones. */
function broken(overrides: Overrides): PermissionConformanceOptions {
  return {
    create: () => {
      const state = createMemoryPermissionState();
      const real = createMemoryPermission({ state });
      return { ...real, ...overrides(real, state) };
    },
  };
}

function unescapedPattern(pattern: string, wildcard: string): RegExp {
  return new RegExp(`^${pattern.replaceAll('*', wildcard)}$`);
}

function escapedPattern(pattern: string, wildcard: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[\\^$.+?()[\]{}|]/g, '\\$&'))
    .join(wildcard);
  return new RegExp(`^${source}$`);
}

/** A `getAccessibleObjects` filtering the unbound answer with `compile`. */
function accessibleWith(
  real: PermissionBackend,
  compile: (pattern: string, withChildren: boolean) => RegExp,
): PermissionBackend['getAccessibleObjects'] {
  return async (principals, bound, options) => {
    const all = await real.getAccessibleObjects(principals);
    if (!bound) return all;
    const result = new Map<string, Set<string>>();
    for (const [pattern, permission] of bound) {
      const regex = compile(pattern, options?.withChildren ?? true);
      for (const [id, permissions] of all) {
        if (permissions.has(permission) && regex.test(id)) {
          result.set(id, (result.get(id) ?? new Set()).add(permission));
        }
      }
    }
    return result;
  };
}

const variants: [string, string, PermissionGroup, PermissionConformanceOptions][] = [
  [
    'prefix-matching delete: "/buckets/a/*" also removes /buckets/ab',
    'never touches /buckets/ab',
    permissionWildcardsGroup,
    broken((real, state) => ({
      async deleteObjectPermissions(ids) {
        for (const id of ids) {
          if (!id.endsWith('*')) await real.deleteObjectPermissions([id]);
          else {
            const prefix = id.replace(/\/?\*$/, '');
            await real.deleteObjectPermissions(
              [...state.aces.keys()].filter((key) => key.startsWith(prefix)),
            );
          }
        }
      },
    })),
  ],
  [
    'unescaped regular expressions in delete (ids with regex characters)',
    'regex metacharacters in deleted ids',
    permissionWildcardsGroup,
    broken((real, state) => ({
      async deleteObjectPermissions(ids) {
        for (const id of ids) {
          const regex = unescapedPattern(id, '.*');
          await real.deleteObjectPermissions([...state.aces.keys()].filter((key) => regex.test(key)));
        }
      },
    })),
  ],
  [
    'unescaped regular expressions in getAccessibleObjects',
    'regex metacharacters in patterns',
    permissionAccessibleObjectsGroup,
    broken((real) => ({
      getAccessibleObjects: accessibleWith(real, (pattern, children) =>
        unescapedPattern(pattern, children ? '.*' : '[^/]+'),
      ),
    })),
  ],
  [
    'withChildren ignored',
    'withChildren false',
    permissionAccessibleObjectsGroup,
    broken((real) => ({
      getAccessibleObjects: accessibleWith(real, (pattern) => escapedPattern(pattern, '.*')),
    })),
  ],
  [
    'transaction that does not roll back',
    'a rejected transaction undoes every write',
    permissionTransactionsGroup,
    broken((real) => ({
      transaction: (fn) => fn(real),
    })),
  ],
  [
    'principals sorted by UTF-16 code units',
    'code-point order',
    permissionAcesGroup,
    broken((real) => ({
      getObjectPermissionPrincipals: async (id, permission) =>
        (await real.getObjectPermissionPrincipals(id, permission)).sort(),
    })),
  ],
  [
    'returns its internal records (no copies)',
    'returned lists and records are copies',
    permissionAcesGroup,
    broken((real) => {
      const mirror = new Map<string, ObjectPermissions>();
      return {
        async addPrincipalToAce(id, permission, principal) {
          await real.addPrincipalToAce(id, permission, principal);
          mirror.set(id, await real.getObjectPermissions(id));
        },
        getObjectPermissions: async (id) => mirror.get(id) ?? real.getObjectPermissions(id),
      };
    }),
  ],
  [
    'an empty list in replaceObjectPermissions drops every permission',
    'with an empty list removes that permission only',
    permissionAcesGroup,
    broken((real) => ({
      async replaceObjectPermissions(id, permissions) {
        if (Object.values(permissions).some((list) => list.length === 0))
          await real.deleteObjectPermissions([id]);
        await real.replaceObjectPermissions(id, permissions);
      },
    })),
  ],
  [
    'getObjectsPermissions answers in sorted id order',
    'in the order of the ids',
    permissionAcesGroup,
    broken((real) => ({
      getObjectsPermissions: (ids, permissions) => real.getObjectsPermissions([...ids].sort(), permissions),
    })),
  ],
  [
    'getUserPrincipals ignores system.Authenticated',
    'system.Authenticated apply to every user',
    permissionPrincipalsGroup,
    broken((_real, state) => ({
      getUserPrincipals: async (userId) => [...(state.members.get(userId) ?? [])].sort(),
    })),
  ],
  [
    'removePrincipal does nothing',
    'removePrincipal takes the principal from every user',
    permissionPrincipalsGroup,
    broken(() => ({ removePrincipal: async () => {} })),
  ],
  [
    'checkPermission reads the principals twice',
    'one-shot iterable',
    permissionChecksGroup,
    broken((real) => ({
      checkPermission(principals, bound) {
        const count = [...principals].length;
        return count === 0 ? Promise.resolve(false) : real.checkPermission(principals, bound);
      },
    })),
  ],
  [
    'flush keeps user principals',
    'flush deletes every ACE and every user principal',
    permissionLifecycleGroup,
    broken((_real, state) => ({
      async flush() {
        state.aces.clear();
        state.grantsByPrincipal.clear();
      },
    })),
  ],
];

describe('permission conformance catches broken backends', () => {
  it.each(permissionGroups.map((group) => [group.name, group] as const))(
    'the real memory backend passes every case of %s',
    async (_name, group) => {
      const results = await runGroup(group, { create: () => createMemoryPermission() });
      expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
    },
  );

  it.each(variants)('%s fails the group ("%s")', async (_name, expected, group, options) => {
    const results = await runGroup(group, options);
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.name);
    expect(failed).toContainEqual(expect.stringContaining(expected));
  });
});
