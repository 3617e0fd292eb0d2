import type { Permission, Principal } from '@core/contracts';

/**
 * The data of a memory permission backend, indexed both ways so that per-object lookups, per-principal
 * lookups (`getAccessibleObjects`) and `removePrincipal` need no scan.
 *
 * Internal to `@core/storage-memory`: mutate it only through {@link grant}, {@link revoke},
 * {@link addMember} and {@link removeMember}, which keep the indexes consistent and report whether
 * anything changed (so a caller can journal the inverse).
 */
export interface MemoryPermissionState {
  /** object id → permission → principals. Empty sets and maps are removed. */
  readonly aces: Map<string, Map<Permission, Set<Principal>>>;
  /** principal → object id → permissions held there (mirror of `aces`). */
  readonly grantsByPrincipal: Map<Principal, Map<string, Set<Permission>>>;
  /** user id → extra principals. */
  readonly members: Map<Principal, Set<Principal>>;
  /** extra principal → user ids holding it (mirror of `members`). */
  readonly holders: Map<Principal, Set<Principal>>;
}

/** An empty permission state (internal to the package). */
export function createMemoryPermissionState(): MemoryPermissionState {
  return { aces: new Map(), grantsByPrincipal: new Map(), members: new Map(), holders: new Map() };
}

function addNested<A, B, C>(map: Map<A, Map<B, Set<C>>>, a: A, b: B, c: C): boolean {
  let inner = map.get(a);
  if (!inner) {
    inner = new Map();
    map.set(a, inner);
  }
  let set = inner.get(b);
  if (!set) {
    set = new Set();
    inner.set(b, set);
  }
  if (set.has(c)) return false;
  set.add(c);
  return true;
}

function deleteNested<A, B, C>(map: Map<A, Map<B, Set<C>>>, a: A, b: B, c: C): boolean {
  const inner = map.get(a);
  const set = inner?.get(b);
  if (!inner || !set?.delete(c)) return false;
  if (set.size === 0) inner.delete(b);
  if (inner.size === 0) map.delete(a);
  return true;
}

function addPair<A, B>(map: Map<A, Set<B>>, a: A, b: B): boolean {
  let set = map.get(a);
  if (!set) {
    set = new Set();
    map.set(a, set);
  }
  if (set.has(b)) return false;
  set.add(b);
  return true;
}

function deletePair<A, B>(map: Map<A, Set<B>>, a: A, b: B): boolean {
  const set = map.get(a);
  if (!set?.delete(b)) return false;
  if (set.size === 0) map.delete(a);
  return true;
}

/** Adds `principal` to the `permission` ACE of `objectId`; `false` when it was already there. */
export function grant(
  state: MemoryPermissionState,
  objectId: string,
  permission: Permission,
  principal: Principal,
): boolean {
  if (!addNested(state.aces, objectId, permission, principal)) return false;
  addNested(state.grantsByPrincipal, principal, objectId, permission);
  return true;
}

/** Removes `principal` from the `permission` ACE of `objectId`; `false` when it was not there. */
export function revoke(
  state: MemoryPermissionState,
  objectId: string,
  permission: Permission,
  principal: Principal,
): boolean {
  if (!deleteNested(state.aces, objectId, permission, principal)) return false;
  deleteNested(state.grantsByPrincipal, principal, objectId, permission);
  return true;
}

/** Gives `userId` the extra principal `principal`; `false` when it already had it. */
export function addMember(state: MemoryPermissionState, userId: Principal, principal: Principal): boolean {
  if (!addPair(state.members, userId, principal)) return false;
  addPair(state.holders, principal, userId);
  return true;
}

/** Takes the extra principal `principal` from `userId`; `false` when it did not have it. */
export function removeMember(state: MemoryPermissionState, userId: Principal, principal: Principal): boolean {
  if (!deletePair(state.members, userId, principal)) return false;
  deletePair(state.holders, principal, userId);
  return true;
}

/** Empties every index. */
export function clearPermissionState(state: MemoryPermissionState): void {
  state.aces.clear();
  state.grantsByPrincipal.clear();
  state.members.clear();
  state.holders.clear();
}
