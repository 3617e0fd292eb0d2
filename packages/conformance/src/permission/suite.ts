import { registerGroups } from '../harness.ts';
import { permissionAccessibleObjectsGroup } from './accessible-objects.ts';
import { permissionAcesGroup } from './aces.ts';
import { permissionChecksGroup } from './checks.ts';
import { permissionLifecycleGroup } from './lifecycle.ts';
import type { PermissionConformanceOptions, PermissionGroup } from './options.ts';
import { permissionPrincipalsGroup } from './principals.ts';
import { permissionTransactionsGroup } from './transactions.ts';
import { permissionWildcardsGroup } from './wildcards.ts';

const SUITE = 'permission conformance';

/** Every permission group, in registration order. */
export const permissionGroups: readonly PermissionGroup[] = [
  permissionLifecycleGroup,
  permissionAcesGroup,
  permissionPrincipalsGroup,
  permissionChecksGroup,
  permissionAccessibleObjectsGroup,
  permissionWildcardsGroup,
  permissionTransactionsGroup,
];

/** Registers every permission group with vitest (call it at the top level of a test file). */
export function permissionConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, permissionGroups, options);
}

/** Registers the lifecycle group: name, schema, heartbeat, flush. */
export function permissionLifecycleConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionLifecycleGroup], options);
}

/** Registers the ACE group: add, remove, read, replace. */
export function permissionAcesConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionAcesGroup], options);
}

/** Registers the user principals group. */
export function permissionPrincipalsConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionPrincipalsGroup], options);
}

/** Registers the `checkPermission` / `getAuthorizedPrincipals` group. */
export function permissionChecksConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionChecksGroup], options);
}

/** Registers the `getAccessibleObjects` group. */
export function permissionAccessibleObjectsConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionAccessibleObjectsGroup], options);
}

/** Registers the `deleteObjectPermissions` group (plain ids, `/*`, prefix safety). */
export function permissionWildcardsConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionWildcardsGroup], options);
}

/** Registers the transactions group (needs capability `transactions`). */
export function permissionTransactionsConformance(options: PermissionConformanceOptions): void {
  registerGroups(SUITE, [permissionTransactionsGroup], options);
}
