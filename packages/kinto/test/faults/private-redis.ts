import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './kinto-cli.ts';

// A Redis server of the suite's own, without persistence, on a free port: it can be stopped and
// started again on the same port without disturbing anyone.

/** Whether `redis-server` is on the PATH. */
export const canCreateRedis = (): boolean =>
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

async function pings(port: number): Promise<boolean> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } finally {
    probe.disconnect();
  }
}

/** A private Redis server. */
export interface PrivateRedis {
  readonly url: string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port, resolving once it answers. */
  start(): Promise<void>;
}

/** Starts `redis-server` on a free port of 127.0.0.1. */
export async function createPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const process = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child = process;
    await waitFor(`redis-server on port ${port}`, () => pings(port), 10_000);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    async stop() {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      const timer = setTimeout(() => current.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    start,
  };
}
