import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort, waitFor } from './kinto-cli.ts';

// A PostgreSQL server of the suite's own — `initdb` in a temporary folder, on a free port — so that
// stopping and restarting it disturbs nobody else. initdb refuses to run as root: as root, the
// commands run as the `postgres` OS user.

const BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find(
  (folder) => existsSync(join(folder, 'initdb')),
);
const tool = (name: string) => (BIN ? join(BIN, name) : name);

/** Runs a PostgreSQL tool (as `postgres` when we are root); rejects with its output on failure. */
function run(name: string, args: readonly string[], timeoutMs = 60_000): Promise<void> {
  const asRoot = userInfo().uid === 0;
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', tool(name), ...args]]
    : [tool(name), args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${name} ${args.join(' ')} ended with ${code}:\n${output}`));
    });
  });
}

/** A private PostgreSQL server. */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly adminUrl: string;
  readonly port: number;
  /** `pg_ctl stop -m fast`: sessions are terminated, then the server stops. */
  stop(): Promise<void>;
  /**
   * `pg_ctl start -w`; resolves once a client connects, with the `performance.now()` at which
   * `pg_ctl` reported the server ready (accepting connections).
   */
  start(): Promise<number>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** Whether a PostgreSQL server can be created here (`initdb` found). */
export const canCreatePostgres = (): boolean => BIN !== undefined;

/** `initdb` in a temporary folder, then starts the server on a free port of 127.0.0.1. */
export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'kinto-faults-pg-'));
  if (userInfo().uid === 0) {
    const { execSync } = await import('node:child_process');
    const uid = Number(execSync('id -u postgres').toString());
    const gid = Number(execSync('id -g postgres').toString());
    await chown(folder, uid, gid);
  }
  await chmod(folder, 0o700);
  const data = join(folder, 'data');
  const port = await freePort();
  await run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const accepts = async () => {
    const probe = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe.unsafe('SELECT 1');
      return true;
    } finally {
      await probe.end({ timeout: 1 });
    }
  };
  const start = async () => {
    await run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '60', 'start']);
    const ready = performance.now();
    await waitFor(`PostgreSQL on port ${port}`, accepts, 30_000);
    return ready;
  };
  let running = false;
  await start();
  running = true;
  return {
    adminUrl,
    port,
    async stop() {
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      running = false;
    },
    async start() {
      const ready = await start();
      running = true;
      return ready;
    },
    async destroy() {
      if (running) await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      running = false;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
