import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BackendError } from '@core/contracts';
import { DEFAULT_BCRYPT_ROUNDS, type PasswordCompare, type PasswordHash } from '../auth/passwords.ts';

/** Options of {@link createBcryptPool}. */
export interface BcryptPoolOptions {
  /** Worker threads; default `max(1, availableParallelism() - 1)` (one core left to the event loop). */
  readonly size?: number;
  /**
   * Most tasks waiting for a worker (beyond those running); default `64 × size`. A task arriving
   * when the queue is full is refused at once with `BackendError` (503 + `Retry-After`).
   */
  readonly maxQueue?: number;
  /**
   * Longest a task may wait for a worker, milliseconds; default 5000. Past it, the task is dropped
   * and rejects with `BackendError` (503 + `Retry-After`): the client was likely gone anyway.
   */
  readonly maxWaitMs?: number;
}

/** bcrypt in worker threads, so hashing never blocks the event loop. */
export interface BcryptPool {
  /** bcrypt verification (`false` for a malformed hash), the accounts policy's `hash` option. */
  readonly compare: PasswordCompare;
  /** A new bcrypt hash, the accounts policy's `hashPassword` option. */
  readonly hash: PasswordHash;
  /** Number of worker threads at most. */
  readonly size: number;
  /**
   * Terminates the workers; queued and running tasks reject with `BackendError`, later ones too.
   * Idempotent.
   */
  close(): Promise<void>;
}

type Task =
  | { readonly op: 'compare'; readonly password: string; readonly hash: string }
  | { readonly op: 'hash'; readonly password: string; readonly rounds: number };

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly resolve: (value: boolean | string) => void;
  readonly reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  readonly worker: Worker;
  running: Pending | undefined;
}

type Reply = { id: number; ok: true; value: boolean | string } | { id: number; ok: false; error: string };

const WORKER_URL = new URL('./bcrypt-worker.js', import.meta.url);

function overloaded(reason: string): BackendError {
  return new BackendError(`Password hashing is overloaded: ${reason}`);
}

/**
 * A pool of worker threads running bcryptjs (`./bcrypt-worker.js`, next to this module in the
 * sources and in `dist/`). Workers start on demand, up to `size`; each runs one task at a time and
 * the others wait in a bounded FIFO queue with a deadline (see {@link BcryptPoolOptions}) — a full
 * queue or an expired wait rejects with `BackendError`, which the API answers 503 + `Retry-After`:
 * the server is overloaded, not the client at fault (429 is kept for throttled logins). An idle
 * worker is `unref`'d, so the pool never keeps the process alive; a busy one is ref'd until its
 * task ends. A worker that dies fails its task with `BackendError` and is replaced on demand.
 */
export function createBcryptPool(options: BcryptPoolOptions = {}): BcryptPool {
  const size = options.size ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`size must be a whole number ≥ 1, got ${size}`);
  const maxQueue = options.maxQueue ?? 64 * size;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  function settle(slot: Slot, outcome: (pending: Pending) => void): void {
    const pending = slot.running;
    slot.running = undefined;
    slot.worker.unref();
    if (pending) outcome(pending);
    pump();
  }

  function spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    const slot: Slot = { worker, running: undefined };
    worker.on('message', (reply: Reply) => {
      if (slot.running?.id !== reply.id) return;
      settle(slot, (pending) =>
        reply.ok ? pending.resolve(reply.value) : pending.reject(new Error(`bcrypt failed: ${reply.error}`)),
      );
    });
    const dead = (reason: string) => {
      const index = slots.indexOf(slot);
      if (index < 0) return;
      slots.splice(index, 1);
      settle(slot, (pending) => pending.reject(new BackendError(`bcrypt worker ${reason}`)));
    };
    worker.on('error', (error) => dead(`failed: ${error.message}`));
    worker.on('exit', (code) => dead(`exited with code ${code}`));
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot =
        slots.find((candidate) => candidate.running === undefined) ??
        (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      const pending = queue.shift() as Pending;
      clearTimeout(pending.timer);
      slot.running = pending;
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, ...pending.task });
    }
  }

  function run(task: Task): Promise<boolean | string> {
    if (closed) return Promise.reject(new BackendError('The bcrypt pool is closed'));
    if (queue.length >= maxQueue) return Promise.reject(overloaded(`${queue.length} tasks already wait`));
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: nextId++, task, resolve, reject };
      queue.push(pending);
      pump();
      if (queue.includes(pending)) {
        pending.timer = setTimeout(() => {
          const index = queue.indexOf(pending);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(overloaded(`no worker within ${maxWaitMs} ms`));
        }, maxWaitMs);
        pending.timer.unref();
      }
    });
  }

  return {
    size,
    compare: async (password, hash) => (await run({ op: 'compare', password, hash })) === true,
    hash: async (password, rounds = DEFAULT_BCRYPT_ROUNDS) =>
      String(await run({ op: 'hash', password, rounds })),
    async close() {
      if (closed) return;
      closed = true;
      for (const pending of queue.splice(0)) {
        clearTimeout(pending.timer);
        pending.reject(new BackendError('The bcrypt pool is closed'));
      }
      const workers = slots.splice(0);
      for (const slot of workers) {
        const pending = slot.running;
        slot.running = undefined;
        pending?.reject(new BackendError('The bcrypt pool is closed'));
      }
      await Promise.all(workers.map((slot) => slot.worker.terminate()));
    },
  };
}
