import { isCoreError, type StorageOperations } from '@core/contracts';
import type { AccountLookup } from './accounts-policy.ts';

/**
 * Reads accounts as Kinto's accounts plugin stores them: resource `account`, each account alone in
 * its own list (parent id = the account id), object id = the account id, `password` = bcrypt hash.
 */
export function storageAccountLookup(storage: StorageOperations): AccountLookup {
  return async (userId) => {
    try {
      const account = await storage.get({ resource: 'account', parent: userId }, userId);
      return typeof account.password === 'string' ? { password: account.password } : null;
    } catch (error) {
      if (isCoreError(error, 'OBJECT_NOT_FOUND')) return null;
      throw error;
    }
  };
}
