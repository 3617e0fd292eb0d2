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
  /** The deadline of a wait, in milliseconds. */
  readonly timeoutMs: number;
  /** The longest a transaction may hold the lock, in milliseconds (see `runTransaction`). */
  readonly holdTimeoutMs: number;
}

/** Options of {@link createLock}. */
export interface LockOptions {
  /** Longest wait for the lock, in milliseconds (default {@link DEFAULT_LOCK_TIMEOUT_MS}). */
  readonly timeoutMs?: number | undefined;
  /** Longest a transaction may hold it, in milliseconds (default {@link DEFAULT_HOLD_TIMEOUT_MS}). */
  readonly holdTimeoutMs?: number | undefined;
}

/**
 * Default deadline of a wait for the memory backends' lock. Sections are short (memory operations;
 * a request's transaction, bcrypt hashes of a batch of account writes included, takes a few seconds at
 * worst); a wait this long means a section does not end — a call made through the backend from inside
 * its own transaction, say — and the waiter gives up with a 503 instead of hanging.
 */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** Default of the longest a transaction may hold the lock before it is rolled back (503). */
export const DEFAULT_HOLD_TIMEOUT_MS = 30_000;

interface Waiter {
  readonly start: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** A FIFO lock whose waits end after `timeoutMs` with a `BackendError`. */
export function createLock(options: LockOptions = {}): Lock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const holdTimeoutMs = options.holdTimeoutMs ?? DEFAULT_HOLD_TIMEOUT_MS;
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
  return { run, probe: () => run(() => true).catch(() => false), timeoutMs, holdTimeoutMs };
}
