import { createJournal, type Journal } from './journal.ts';
import type { Lock } from './lock.ts';

/**
 * Runs `body` as one memory transaction: inside `lock`, with a fresh journal that is replayed
 * backwards when `body` rejects. `isOpen` turns false once the transaction has ended, so handles
 * built on it can refuse late calls.
 */
export function runTransaction<T>(
  lock: Lock,
  body: (journal: Journal, isOpen: () => boolean) => Promise<T>,
): Promise<T> {
  return lock.run(async () => {
    const journal = createJournal();
    let open = true;
    try {
      return await body(journal, () => open);
    } catch (error) {
      journal.rollback();
      throw error;
    } finally {
      open = false;
    }
  });
}
