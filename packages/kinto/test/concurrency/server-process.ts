import type { EventListener, Logger } from '@core/contracts';
import { startKintoServer } from '../../src/node/start-server.ts';

// A Kinto server in its own process, for the multi-process concurrency test. Reads
// KINTO_CONCURRENCY_STORAGE_URL (required), KINTO_CONCURRENCY_PORT (default 0: a free port) and
// KINTO_CONCURRENCY_MAX_DELAY_MS (default 30); prints `URL <url>` on stdout once listening; stops
// on SIGTERM. Run it from packages/kinto: node --import tsx --conditions=@core/source <this file>.

const storageUrl = process.env.KINTO_CONCURRENCY_STORAGE_URL;
if (!storageUrl) throw new Error('KINTO_CONCURRENCY_STORAGE_URL is required');
const port = Number(process.env.KINTO_CONCURRENCY_PORT ?? 0);
const maxDelay = Number(process.env.KINTO_CONCURRENCY_MAX_DELAY_MS ?? 30);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Silent except for errors, which go to stderr (the parent shows them when the test fails). */
function errorLogger(): Logger {
  const noop = () => {};
  const error = (...args: unknown[]) => {
    process.stderr.write(
      `${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`,
    );
  };
  const logger: Logger = {
    level: 'error',
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error,
    fatal: error,
    child: () => logger,
  };
  return logger;
}

// `ResourceChanged` listeners run inside the request's transaction, after the writes and before
// commit: sleeping here keeps the list's timestamp assigned but uncommitted for a while.
const slow: EventListener = {
  name: 'slow',
  async handle(event) {
    if (event.type === 'ResourceChanged') await sleep(Math.random() * maxDelay);
  },
};

const running = await startKintoServer({
  env: {},
  overrides: {
    http_port: port,
    bind_host: '127.0.0.1',
    storage_backend: '@core/storage-postgres',
    storage_url: storageUrl,
    permission_backend: '@core/storage-postgres',
    permission_url: storageUrl,
    'multiauth.policies': 'account basicauth',
    userid_hmac_secret: 'concurrency-test',
  },
  logger: errorLogger(),
  listeners: [slow],
  // The toolkit's default `import(name)` resolves from its own package; this one from packages/kinto.
  importer: (name) => import(name),
});

process.stdout.write(`URL ${running.url}\n`);

process.on('SIGTERM', () => {
  // Bounded: a client holding a connection open must not keep the process alive.
  setTimeout(() => process.exit(0), 2_000).unref();
  running.close().then(
    () => process.exit(0),
    () => process.exit(0),
  );
});
