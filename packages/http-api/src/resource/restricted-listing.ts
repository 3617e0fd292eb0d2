import type { ListOptions, Scope, StorageOperations, StoredOrDeleted } from '@core/contracts';
import type { Restriction } from './authorize.ts';

// An authorizer answers `shared` only when asked with `sharedListing`; never list everything instead.
const UNSUPPORTED = 'A shared restriction was decided but the storage offers no listShared/countShared';

/** `listAll` of `scope` under `restriction`: joined with the ACEs when it is a shared one. */
export function listRestricted(
  storage: StorageOperations,
  scope: Scope,
  restriction: Restriction,
  options: Omit<ListOptions, 'filters'>,
): Promise<StoredOrDeleted[]> {
  const { filters, shared } = restriction;
  if (shared === undefined) return storage.listAll(scope, { ...options, filters });
  if (!storage.listShared) throw new Error(UNSUPPORTED);
  return storage.listShared(scope, shared, { ...options, filters });
}

/** `countAll` of `scope` under `restriction`, as {@link listRestricted}. */
export function countRestricted(
  storage: StorageOperations,
  scope: Scope,
  restriction: Restriction,
): Promise<number> {
  const { filters, shared } = restriction;
  if (shared === undefined) return storage.countAll(scope, filters);
  if (!storage.countShared) throw new Error(UNSUPPORTED);
  return storage.countShared(scope, shared, filters);
}
