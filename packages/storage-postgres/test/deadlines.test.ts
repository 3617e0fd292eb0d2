import { isCoreError } from '@core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresBackends, type PostgresBackends } from '../src/backends.ts';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

// Item 2 of issue 12: while PostgreSQL is unreachable a call must fail fast with BackendError (503)
// rather than hang, and serve again soon after the server returns. The server's availability is
// switched by a TCP proxy in front of the shared PostgreSQL, so nothing shared is stopped. Bounds are
// generous ("answered before"), several times what the code needs; the calls fail in milliseconds.

const available = await postgresAvailable();
const schema = available ? await freshSchema('deadlines') : '';
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };
const GENEROUS_MS = 5_000;

let proxy: TcpProxy;
const target = new URL(POSTGRES_URL);
const viaProxy = () =>
  `postgres://${target.username}@127.0.0.1:${proxy.port}${target.pathname}?search_path=${schema}`;

beforeAll(async () => {
  if (available) proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
});
afterAll(async () => {
  await proxy?.close();
});

/** A promise and the function that resolves it. */
function signal(): [Promise<void>, () => void] {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return [promise, resolve];
}

/**
 * A gate a holder waits on: opened by the test, or after a generous bound (then `gaveUp()` is true,
 * which fails the test instead of hanging it).
 */
function gate(): { open(): void; wait(): Promise<void>; gaveUp(): boolean } {
  let open!: () => void;
  let timedOut = false;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    open,
    wait: () =>
      Promise.race([
        opened,
        new Promise<void>((resolve) =>
          setTimeout(() => {
            timedOut = true;
            resolve();
          }, GENEROUS_MS),
        ),
      ]),
    gaveUp: () => timedOut,
  };
}

/** Awaits `promise` and returns how it ended and how long it took. */
async function settle(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { error, ms: performance.now() - started };
}

function expectBackendError(error: unknown): void {
  expect(isCoreError(error, 'BACKEND_ERROR'), String(error)).toBe(true);
}

async function withBackends(
  options: Partial<Parameters<typeof createPostgresBackends>[0]>,
  fn: (backends: PostgresBackends) => Promise<void>,
): Promise<void> {
  const backends = createPostgresBackends({ url: viaProxy(), max: 2, ...options } as Parameters<
    typeof createPostgresBackends
  >[0]);
  try {
    await fn(backends);
  } finally {
    await backends.sql.end({ timeout: 1 });
  }
}

describe.skipIf(!available)('deadlines while PostgreSQL is unreachable (issue 12, item 2)', () => {
  it('F-OPS-03 F-UTL-02 a stopped server: every call fails with BackendError at once, the heartbeat is false, and service resumes when it returns', async () => {
    await proxy.setMode('forward');
    await withBackends({}, async ({ storage, transaction }) => {
      await storage.create(RECORDS, { id: 'before' });
      await proxy.setMode('refuse');
      const started = performance.now();
      for (let call = 0; call < 20; call++) {
        const { error } = await settle(
          call % 2
            ? storage.get(RECORDS, 'before')
            : transaction(async ({ storage: tx }) => tx.listAll(RECORDS)),
        );
        expectBackendError(error);
      }
      expect(await storage.heartbeat()).toBe(false);
      // Twenty calls and a heartbeat take milliseconds; postgres.js' default reconnection backoff
      // (up to 20 s between attempts) made each wait for the next attempt.
      expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
      await proxy.setMode('forward');
      const back = await settle(
        (async () => {
          while (!(await storage.heartbeat())) await new Promise((resolve) => setTimeout(resolve, 20));
          return storage.get(RECORDS, 'before');
        })(),
      );
      expect(back.error).toBeUndefined();
      expect(back.ms).toBeLessThan(GENEROUS_MS);
    });
  });

  it('F-OPS-03 F-UTL-02 a server that never answers: calls fail with BackendError within the connect timeout, never hang', async () => {
    await proxy.setMode('blackhole');
    try {
      await withBackends({ connectTimeoutMs: 200 }, async ({ storage, transaction }) => {
        const calls = await Promise.all([
          settle(storage.get(RECORDS, 'x')),
          settle(transaction(async ({ storage: tx }) => tx.listAll(RECORDS))),
        ]);
        for (const { error, ms } of calls) {
          expectBackendError(error);
          expect(ms).toBeLessThan(GENEROUS_MS);
        }
        const heartbeat = await settle(storage.heartbeat().then((ok) => expect(ok).toBe(false)));
        expect(heartbeat.error).toBeUndefined();
        expect(heartbeat.ms).toBeLessThan(GENEROUS_MS);
      });
    } finally {
      await proxy.setMode('forward');
    }
  });

  it('F-OPS-03 poolTimeoutMs: a transaction waiting for a connection that stays busy fails with BackendError instead of queueing for ever', async () => {
    await proxy.setMode('forward');
    await withBackends({ max: 1, poolTimeoutMs: 200 }, async ({ transaction }) => {
      const held = gate();
      const [inside, entered] = signal();
      // The holder keeps the only connection (its transaction is open once it has written) until the
      // waiter has settled: without a pool deadline the waiter would only get it when the holder gives up.
      const holder = transaction(async ({ permission }) => {
        await permission.addPrincipalToAce('/holder', 'read', 'system.Everyone');
        entered();
        await held.wait();
      });
      await inside;
      const waiter = await settle(
        transaction(({ permission }) => permission.addPrincipalToAce('/waiter', 'read', 'system.Everyone')),
      );
      held.open();
      await holder;
      expectBackendError(waiter.error);
      expect(String(waiter.error)).toMatch(/QUEUE_TIMEOUT/);
      expect(held.gaveUp()).toBe(false);
    });
  });

  it('F-OPS-03 F-TK-TX statementTimeoutMs: a statement stuck behind a lock is cancelled by the server (BackendError)', async () => {
    await proxy.setMode('forward');
    await withBackends({ statementTimeoutMs: 200, lockTimeoutMs: 60_000 }, async ({ transaction }) => {
      const held = gate();
      const [isReserved, reserved] = signal();
      const holder = transaction(async ({ storage }) => {
        await storage.resourceTimestamp(RECORDS, { forUpdate: true });
        reserved();
        await held.wait();
      });
      await isReserved;
      const waiter = await settle(transaction(async ({ storage }) => storage.create(RECORDS, {})));
      held.open();
      await holder;
      expectBackendError(waiter.error);
      expect(String(waiter.error)).toMatch(/statement timeout/);
      expect(held.gaveUp()).toBe(false);
    });
  });
});
