import type {
  BoundPermission,
  ObjectPermissions,
  Permission,
  PermissionOperations,
  Principal,
} from '@core/contracts';
import { AUTHENTICATED, checkCount } from '@core/contracts';
import type { Journal } from './journal.ts';
import {
  compileObjectPattern,
  descendantPrefix,
  type ObjectIdMatcher,
  sortedUnique,
} from './permission-patterns.ts';
import { addMember, grant, type MemoryPermissionState, removeMember, revoke } from './permission-state.ts';

/**
 * The permission operations over `state`, without locking (internal to the package).
 *
 * With a `journal`, every change records its inverse there, so `journal.rollback()` restores the state
 * as it was before these operations ran. The caller is responsible for mutual exclusion (run the
 * operations inside the backend's lock).
 */
export function createMemoryPermissionOperations(
  state: MemoryPermissionState,
  journal?: Journal,
): PermissionOperations {
  function doGrant(objectId: string, permission: Permission, principal: Principal): void {
    if (grant(state, objectId, permission, principal)) {
      journal?.record(() => revoke(state, objectId, permission, principal));
    }
  }

  function doRevoke(objectId: string, permission: Permission, principal: Principal): void {
    if (revoke(state, objectId, permission, principal)) {
      journal?.record(() => grant(state, objectId, permission, principal));
    }
  }

  function doRemoveMember(userId: Principal, principal: Principal): void {
    if (removeMember(state, userId, principal)) {
      journal?.record(() => addMember(state, userId, principal));
    }
  }

  function revokeAll(objectId: string): void {
    const aces = state.aces.get(objectId);
    if (!aces) return;
    for (const [permission, principals] of [...aces]) {
      for (const principal of [...principals]) doRevoke(objectId, permission, principal);
    }
  }

  function principalsOf(objectId: string, permission: Permission): Principal[] {
    return sortedUnique(state.aces.get(objectId)?.get(permission) ?? []);
  }

  function permissionsOf(objectId: string, permissions?: readonly Permission[]): ObjectPermissions {
    const result: ObjectPermissions = {};
    const aces = state.aces.get(objectId);
    if (!aces) return result;
    for (const permission of permissions ?? aces.keys()) {
      const principals = aces.get(permission);
      if (principals && principals.size > 0) result[permission] = sortedUnique(principals);
    }
    return result;
  }

  function accessible(
    principals: Iterable<Principal>,
    bound: readonly BoundPermission[] | undefined,
    withChildren: boolean,
  ): Map<string, Set<Permission>> {
    let matchers: Map<Permission, ObjectIdMatcher[]> | undefined;
    if (bound) {
      matchers = new Map();
      for (const [pattern, permission] of bound) {
        const list = matchers.get(permission) ?? [];
        list.push(compileObjectPattern(pattern, withChildren));
        matchers.set(permission, list);
      }
    }
    const result = new Map<string, Set<Permission>>();
    for (const principal of new Set(principals)) {
      for (const [objectId, permissions] of state.grantsByPrincipal.get(principal) ?? []) {
        for (const permission of permissions) {
          if (matchers) {
            const candidates = matchers.get(permission);
            if (!candidates?.some((matches) => matches(objectId))) continue;
          }
          let held = result.get(objectId);
          if (!held) {
            held = new Set();
            result.set(objectId, held);
          }
          held.add(permission);
        }
      }
    }
    return result;
  }

  return {
    async addUserPrincipal(userId, principal) {
      if (addMember(state, userId, principal)) journal?.record(() => removeMember(state, userId, principal));
    },

    async removeUserPrincipal(userId, principal) {
      doRemoveMember(userId, principal);
    },

    async removePrincipal(principal) {
      for (const userId of [...(state.holders.get(principal) ?? [])]) doRemoveMember(userId, principal);
    },

    async getUserPrincipals(userId) {
      return sortedUnique([
        ...(state.members.get(userId) ?? []),
        ...(state.members.get(AUTHENTICATED) ?? []),
      ]);
    },

    async addPrincipalToAce(objectId, permission, principal) {
      doGrant(objectId, permission, principal);
    },

    async removePrincipalFromAce(objectId, permission, principal) {
      doRevoke(objectId, permission, principal);
    },

    async getObjectPermissionPrincipals(objectId, permission) {
      return principalsOf(objectId, permission);
    },

    async getObjectPermissions(objectId) {
      return permissionsOf(objectId);
    },

    async getObjectsPermissions(objectIds, permissions) {
      return objectIds.map((objectId) => permissionsOf(objectId, permissions));
    },

    async replaceObjectPermissions(objectId, permissions) {
      for (const [permission, principals] of Object.entries(permissions)) {
        const wanted = new Set(principals);
        for (const current of [...(state.aces.get(objectId)?.get(permission) ?? [])]) {
          if (!wanted.has(current)) doRevoke(objectId, permission, current);
        }
        for (const principal of wanted) doGrant(objectId, permission, principal);
      }
    },

    async deleteObjectPermissions(objectIds) {
      for (const objectId of objectIds) {
        const prefix = descendantPrefix(objectId);
        if (prefix === undefined) {
          revokeAll(objectId);
          continue;
        }
        for (const candidate of [...state.aces.keys()]) {
          if (candidate.startsWith(prefix)) revokeAll(candidate);
        }
      }
    },

    async getAuthorizedPrincipals(bound) {
      return sortedUnique(bound.flatMap(([objectId, permission]) => principalsOf(objectId, permission)));
    },

    async checkPermission(principals, bound) {
      const wanted = new Set(principals);
      return bound.some(([objectId, permission]) => {
        const holders = state.aces.get(objectId)?.get(permission);
        if (!holders) return false;
        for (const principal of wanted) if (holders.has(principal)) return true;
        return false;
      });
    },

    async getAccessibleObjects(principals, bound, options) {
      const limit =
        options?.limit === undefined ? undefined : checkCount(options.limit, 'getAccessibleObjects: `limit`');
      const all = accessible(principals, bound, options?.withChildren ?? true);
      return limit === undefined || all.size <= limit ? all : new Map([...all].slice(0, limit));
    },
  };
}
