import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `kinto start` itself — the CLI, with its process safety net and SIGTERM handling — in a child
// process, as an operator runs it. Its settings go in an INI file; its log lines (JSON, one per line)
// are parsed and kept (warnings and worse in full, the rest counted).

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` every 50 ms until it resolves `true`; rejects after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** One JSON log line of the server. */
export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** A running `kinto start`. */
export interface KintoCli {
  /** `http://127.0.0.1:<port>` (no path). */
  readonly origin: string;
  readonly pid: number;
  /** Its configuration file (for `kinto migrate --ini` against the same database). */
  readonly iniPath: string;
  /** Log lines at warning level or worse (pino levels: 40 warn, 50 error, 60 fatal). */
  warnings(): readonly LogLine[];
  /** What the process wrote to stderr (the CLI's plain-text warnings). */
  stderr(): string;
  /** Why the process ended (`exit code N, signal S`), or `undefined` while it runs. */
  exited(): string | undefined;
  /** Resolves with the exit code once the process has ended (`null` when killed by a signal). */
  ended(): Promise<number | null>;
  /** Sends a signal (SIGTERM: graceful shutdown). */
  signal(name: NodeJS.Signals): void;
  /** Kills it (SIGKILL) if it still runs, waits for the end and removes its files. */
  kill(): Promise<void>;
}

const iniText = (settings: Readonly<Record<string, unknown>>) =>
  `[app:main]\n${Object.entries(settings)
    .map(([name, value]) => `kinto.${name} = ${Array.isArray(value) ? value.join(' ') : String(value)}`)
    .join('\n')}\n`;

/**
 * Writes `settings` to an INI file and runs `kinto start --ini <file>` on a free port of 127.0.0.1;
 * resolves once `__lbheartbeat__` answers (at most `startupMs`).
 */
export async function startKintoCli(
  settings: Readonly<Record<string, unknown>>,
  startupMs = 60_000,
): Promise<KintoCli> {
  const folder = await mkdtemp(join(tmpdir(), 'kinto-cli-'));
  const port = await freePort();
  const iniPath = join(folder, 'kinto.ini');
  await writeFile(
    iniPath,
    iniText({ bind_host: '127.0.0.1', http_port: port, logging_level: 'warn', ...settings }),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@core/source', '--import', 'tsx', CLI, 'start', '--ini', iniPath],
    // No KINTO_* variable of the test environment may leak into the server's settings.
    {
      cwd: PACKAGE_ROOT,
      env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KINTO_'))),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const warnings: LogLine[] = [];
  let stderr = '';
  let pending = '';
  let exitReason: string | undefined;
  const ended = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `exit code ${code ?? '-'}, signal ${signal ?? '-'}`;
      resolve(code);
    });
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        const parsed = JSON.parse(line) as LogLine;
        if (parsed.level >= 40) warnings.push(parsed);
      } catch {
        warnings.push({ level: 50, msg: `not JSON on stdout: ${line}` });
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  const origin = `http://127.0.0.1:${port}`;
  const cli: KintoCli = {
    origin,
    pid: child.pid ?? -1,
    iniPath,
    warnings: () => warnings,
    stderr: () => stderr,
    exited: () => exitReason,
    ended: () => ended,
    signal: (name) => void child.kill(name),
    async kill() {
      if (exitReason === undefined) child.kill('SIGKILL');
      await ended;
      await rm(folder, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      `kinto start on port ${port}`,
      async () =>
        exitReason !== undefined ||
        (await fetch(`${origin}/v1/__lbheartbeat__`, { signal: AbortSignal.timeout(2_000) })).ok,
      startupMs,
    );
    if (exitReason !== undefined) throw new Error(`it ended (${exitReason})`);
  } catch (error) {
    await cli.kill();
    throw new Error(`kinto start did not come up: ${String(error)}\n${stderr}`);
  }
  return cli;
}
