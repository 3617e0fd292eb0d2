// Vitest global setup: PostgreSQL and Redis are checked ONCE per run, patiently, before any test
// file loads; the verdict reaches every worker through CORE_TEST_SERVICES, and each package's probe
// uses it instead of a quick probe of its own (which a loaded machine made time out, silently
// skipping tests). Under CI=true a missing service fails the run here, loudly.
import { connect } from 'node:net';

const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const ATTEMPTS = 5;
const ATTEMPT_TIMEOUT_MS = 5_000;

interface Verdict {
  readonly up: boolean;
  readonly reason: string;
}

/** Opens a TCP connection, sends `hello`, and resolves when `answered(reply)` says the server spoke. */
function talk(url: string, hello: Uint8Array, answered: (reply: string) => boolean): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`));
    }, ATTEMPT_TIMEOUT_MS);
    socket.on('connect', () => socket.write(hello));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (!answered(reply)) return;
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// PostgreSQL answers an SSLRequest with one byte, 'S' or 'N': enough to know the server is there.
const SSL_REQUEST = Uint8Array.from([0, 0, 0, 8, 4, 210, 22, 47]);

async function check(name: string, probe: () => Promise<void>): Promise<Verdict> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      await probe();
      return { up: true, reason: '' };
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  return { up: false, reason: `${name} did not answer (${ATTEMPTS} attempts): ${last}` };
}

export default async function setup(): Promise<void> {
  if (process.env.CORE_TEST_SERVICES) return;
  const [postgres, redis] = await Promise.all([
    check(`PostgreSQL at ${POSTGRES_URL}`, () =>
      talk(POSTGRES_URL, SSL_REQUEST, (reply) => reply.length > 0),
    ),
    check(`Redis at ${REDIS_URL}`, () =>
      talk(REDIS_URL, new TextEncoder().encode('PING\r\n'), (reply) => reply.includes('\r\n')),
    ),
  ]);
  process.env.CORE_TEST_SERVICES = JSON.stringify({ postgres, redis });
  const down = [postgres, redis].filter((verdict) => !verdict.up).map((verdict) => verdict.reason);
  if (down.length === 0) return;
  const banner = `${'!'.repeat(78)}\n${down.map((reason) => `!! ${reason}`).join('\n')}`;
  if (process.env.CI === 'true') {
    throw new Error(`${banner}\n!! CI=true: a missing service is a failure.`);
  }
  console.warn(
    `\n${banner}\n!! Tests needing it are SKIPPED (each says so); CI=true makes this a failure.\n${'!'.repeat(78)}\n`,
  );
}
