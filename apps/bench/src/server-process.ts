import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinned, SERVER_CORE } from './pinning.ts';

/** A server under test, in its own process pinned to the server core. */
export interface ServerProcess {
  readonly origin: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first 200 on the ready path. */
  readonly readyMs: number;
  /** Resident set size now, bytes (from /proc; 0 where unavailable). */
  rss(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly port: number;
  /** Path answering 200 once the server can serve, e.g. `/v1/__heartbeat__`. */
  readonly readyPath: string;
  /** Where standard output goes (the request log). */
  readonly stdout: string;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node <args>` pinned to the server core and waits for `readyPath` to answer 200. */
export async function startServerProcess(options: SpawnOptions): Promise<ServerProcess> {
  const stderrPath = join(tmpdir(), `bench-${options.name}-${process.pid}-${options.port}.stderr`);
  const out = openSync(options.stdout, 'a');
  const err = openSync(stderrPath, 'w');
  const [command, args] = pinned(SERVER_CORE, process.execPath, options.args);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = started + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited (${child.exitCode}): ${readFileSync(stderrPath, 'utf8')}`);
    }
    try {
      const response = await fetch(origin + options.readyPath);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not answer ${options.readyPath} within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  const pid = child.pid!;
  return {
    origin,
    pid,
    readyMs,
    rss: () => rssOf(pid),
    async stop() {
      const gone = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
