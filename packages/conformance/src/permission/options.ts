import type { PermissionBackend } from '@core/contracts';
import { type ConformanceGroup, defineGroup, type SuiteHooks } from '../harness.ts';

/**
 * Optional abilities of a permission backend. A capability set to `false` skips the cases that need
 * it; each skip shows in the test report with the capability name.
 */
export type PermissionCapabilities = {
  /** `transaction(fn)` commits on resolve and rolls back on rejection (default `true`). */
  readonly transactions?: boolean;
};

/** Options of the permission suites. */
export interface PermissionConformanceOptions extends SuiteHooks<PermissionBackend> {
  readonly capabilities?: PermissionCapabilities;
}

/** A group of permission cases. */
export type PermissionGroup = ConformanceGroup<PermissionBackend, PermissionConformanceOptions>;

/** Defines a group of permission cases. */
export function definePermissionGroup(
  name: string,
  body: Parameters<typeof defineGroup<PermissionBackend, PermissionConformanceOptions>>[1],
): PermissionGroup {
  return defineGroup<PermissionBackend, PermissionConformanceOptions>(name, body);
}
