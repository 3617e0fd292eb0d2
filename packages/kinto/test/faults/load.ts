// Write load from real HTTP clients: each writer PUTs new records, one after the other, on its own
// keep-alive connections (fetch), and every answer is recorded with its timing — the acknowledged
// writes (2xx) are what must survive every fault.

/** One request of the load and how it ended. */
export interface Outcome {
  readonly writer: number;
  readonly id: string;
  /** The HTTP status, `error` (no answer: connection refused or reset), or `timeout` (no answer in time). */
  readonly status: number | 'error' | 'timeout';
  readonly errno?: number;
  readonly retryAfter?: string | null;
  readonly detail?: string;
  /** `performance.now()` when it was sent and when it ended. */
  readonly start: number;
  readonly end: number;
}

/** A writer's identity: the `Authorization` header it sends. */
export interface Writer {
  readonly auth: string;
}

/** A running load. */
export interface Load {
  readonly outcomes: Outcome[];
  /** Acknowledged writes: record id → the data sent. */
  readonly acknowledged: Map<string, Record<string, unknown>>;
  /** Points the writers at another server (after a restart). */
  retarget(origin: string): void;
  /** Stops after the requests in flight. */
  stop(): Promise<void>;
}

/** No answer within this many milliseconds counts as a hang. */
export const REQUEST_DEADLINE_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `writers.length` writers PUTting records `<tag>-w<i>-<n>` into `records` (a path such as
 * `/v1/buckets/b/collections/c/records`) on `origin`, `pauseMs` apart each.
 */
export function startLoad(options: {
  origin: string;
  records: string;
  writers: readonly Writer[];
  tag: string;
  pauseMs?: number;
}): Load {
  const outcomes: Outcome[] = [];
  const acknowledged = new Map<string, Record<string, unknown>>();
  let origin = options.origin;
  let running = true;
  const loops = options.writers.map(async (writer, index) => {
    for (let sequence = 0; running; sequence++) {
      const id = `${options.tag}-w${index}-${sequence}`;
      const data = {
        writer: index,
        sequence,
        text: `${options.tag} ${index} ${sequence} ${'x'.repeat(sequence % 64)}`,
      };
      const start = performance.now();
      let outcome: Outcome;
      try {
        const response = await fetch(`${origin}${options.records}/${id}`, {
          method: 'PUT',
          headers: { Authorization: writer.auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ data }),
          signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
        });
        const text = await response.text();
        let errno: number | undefined;
        try {
          errno = (JSON.parse(text) as { errno?: number }).errno;
        } catch {
          errno = undefined;
        }
        outcome = {
          writer: index,
          id,
          status: response.status,
          ...(errno !== undefined ? { errno } : {}),
          retryAfter: response.headers.get('retry-after'),
          ...(response.status >= 500 ? { detail: text.slice(0, 300) } : {}),
          start,
          end: performance.now(),
        };
        if (response.status >= 200 && response.status < 300) acknowledged.set(id, data);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        outcome = {
          writer: index,
          id,
          status: timedOut ? 'timeout' : 'error',
          detail: String((error as { cause?: unknown }).cause ?? error),
          start,
          end: performance.now(),
        };
        // A refused connection answers at once: do not spin.
        if (!timedOut) await pause(20);
      }
      outcomes.push(outcome);
      if (options.pauseMs) await pause(options.pauseMs);
    }
  });
  return {
    outcomes,
    acknowledged,
    retarget(next) {
      origin = next;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
