// Run by test/connection-loss.test.ts in a process of its own, with no `uncaughtException` handler:
// if the driver throws where no caller can catch it, this process dies and the test sees it.
// Input: CONNECTION_LOSS_URL (a database URL whose `application_name` is unique to this run).
// Output: one JSON line with what every call came to.
import { isCoreError } from '@core/contracts';
import postgres from 'postgres';
import { createPostgresBackends } from '../../src/backends.ts';

const url = process.env.CONNECTION_LOSS_URL ?? '';
const application = new URL(url).searchParams.get('application_name') ?? '';
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };
const backends = createPostgresBackends({ url, max: 4 });
const admin = postgres(url.replace(/application_name=[^&]*/, 'application_name=connection-loss-admin'), {
  max: 1,
  onnotice: () => {},
});
const kill = () =>
  admin.unsafe('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1::text', [
    application,
  ]);
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (isCoreError(error, 'BACKEND_ERROR') ? 'BackendError' : `other: ${String(error)}`),
  );

/** A promise and the function that resolves it. */
function signal(): [Promise<void>, () => void] {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return [promise, resolve];
}

const outcomes: Record<string, string[]> = { idle: [], waiting: [], load: [], after: [] };

// 1. Killed while idle in a transaction: the callback's next statement, then postgres.js' own
//    ROLLBACK, meet a closed connection.
for (let round = 0; round < 3; round++) {
  const [afterKill, killed] = signal();
  const [inside, entered] = signal();
  const running = outcome(
    backends.transaction(async ({ storage }) => {
      await storage.create(RECORDS, {});
      entered();
      await afterKill;
      await storage.create(RECORDS, {});
    }),
  );
  await inside;
  await kill();
  await new Promise((resolve) => setTimeout(resolve, 50));
  killed();
  outcomes.idle?.push(await running);
}

// 2. Killed while a statement is in flight (waiting for a list another transaction holds).
for (let round = 0; round < 3; round++) {
  const [released, release] = signal();
  const [isReserved, reserved] = signal();
  const holder = outcome(
    backends.transaction(async ({ storage }) => {
      await storage.resourceTimestamp(RECORDS, { forUpdate: true });
      reserved();
      await released;
    }),
  );
  await isReserved;
  const waiter = outcome(backends.transaction(async ({ storage }) => storage.create(RECORDS, {})));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await kill();
  release();
  outcomes.waiting?.push(await waiter, await holder);
}

// 3. Under load: 20 writers in transactions, connections killed three times meanwhile.
const writers = Array.from({ length: 20 }, async () => {
  const results: string[] = [];
  for (let index = 0; index < 15; index++) {
    results.push(
      await outcome(
        backends.transaction(async ({ storage }) => {
          await storage.create(RECORDS, {});
          await storage.countAll(RECORDS);
          await storage.create(RECORDS, {});
        }),
      ),
    );
  }
  return results;
});
for (let round = 0; round < 3; round++) {
  await new Promise((resolve) => setTimeout(resolve, 60));
  await kill();
}
outcomes.load = (await Promise.all(writers)).flat();

// 4. The pool serves again.
for (let call = 0; call < 3; call++) {
  outcomes.after?.push(await outcome(backends.storage.create(RECORDS, {})));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
await backends.sql.end({ timeout: 1 });
await admin.end({ timeout: 1 });
