import { BackendError } from '@core/contracts';

/** Serialises async critical sections: each `run` starts when the previous one has settled. */
export interface Lock {
  /**
   * Runs `section` once every section queued before it has settled.
   * @throws BackendError when the section could not start within the lock's deadline (it never runs).
   */
  run<T>(section: () => Promise<T> | T): Promise<T>;
  /** `true` when the lock can be taken within its deadline (it is taken and released at once). */
  probe(): Promise<boolean>;
  /** The deadline of a wait, in milliseconds; transactions may hold the lock that long at most. */
  readonly timeoutMs: number;
}

/** Options of {@link createLock}. */
export interface LockOptions {
  /** Longest wait for the lock, in milliseconds (default {@link DEFAULT_LOCK_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/**
 * Default deadline of a wait for the memory backends' lock, and of a transaction holding it. Sections
 * are short (memory operations; a request's transaction, bcrypt hashes of a batch of account writes
 * included, takes a few seconds at worst); past this, a section is taken to never end — a call made
 * through the backend from inside its own transaction, say — and the waiter gives up with a 503
 * instead of hanging (so the section's own request fails and releases the lock).
 */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

interface Waiter {
  readonly start: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** A FIFO lock whose waits end after `timeoutMs` with a `BackendError`. */
export function createLock(options: LockOptions = {}): Lock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const waiting: Waiter[] = [];
  let held = false;

  function release(): void {
    const next = waiting.shift();
    if (next === undefined) {
      held = false;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }

  function run<T>(section: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        held = true;
        Promise.resolve().then(section).then(resolve, reject).finally(release);
      };
      if (!held) {
        start();
        return;
      }
      const waiter: Waiter = {
        start,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(
            new BackendError(
              `Memory backend busy: no lock within ${timeoutMs} ms (a transaction never ended)`,
            ),
          );
        }, timeoutMs),
      };
      waiting.push(waiter);
    });
  }

  // The probe's section cannot fail: a rejection is the lock's own deadline.
  return { run, probe: () => run(() => true).catch(() => false), timeoutMs };
}
