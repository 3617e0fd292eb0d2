import { BackendError } from '@core/contracts';
import { createJournal, type Journal } from './journal.ts';
import type { Lock } from './lock.ts';

/**
 * Runs `body` as one memory transaction: inside `lock`, with a fresh journal that is replayed
 * backwards when `body` rejects. `isOpen` turns false once the transaction has ended, so handles
 * built on it can refuse late calls.
 *
 * A transaction holds the lock for `lock.holdTimeoutMs` at most: past it, its writes are rolled back, its
 * handles refuse further calls, the lock is released and the call rejects with `BackendError` (503),
 * whatever `body` is still waiting for — so no transaction can stall every other request.
 */
export function runTransaction<T>(
  lock: Lock,
  body: (journal: Journal, isOpen: () => boolean) => Promise<T>,
): Promise<T> {
  return lock.run(async () => {
    const journal = createJournal();
    let open = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new BackendError(`Transaction took longer than ${lock.holdTimeoutMs} ms: rolled back`)),
        lock.holdTimeoutMs,
      );
    });
    const running = body(journal, () => open);
    try {
      return await Promise.race([running, expired]);
    } catch (error) {
      open = false;
      journal.rollback();
      throw error;
    } finally {
      open = false;
      clearTimeout(timer);
      // A body abandoned at its deadline may still reject later: that outcome is already decided.
      running.catch(() => undefined);
    }
  });
}
