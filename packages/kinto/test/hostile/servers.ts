import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The two servers of a hostile test file, each in a child process (server-process.ts): a request
// that blocks a server's event loop stalls only that process, the test's deadlines still fire, and
// the harness can kill and replace it.

/** The backends every hostile case runs on. */
export type BackendName = 'memory' | 'postgres';

/** One running server process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` (no path). */
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  /** Why the process ended, once it has (`undefined` while it runs). */
  exited(): string | undefined;
  /** The last few kilobytes the process wrote to stderr. */
  stderr(): string;
  /** Kills the process (SIGKILL: a stalled event loop ignores anything gentler) and waits for it. */
  kill(): Promise<void>;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const STDERR_TAIL = 4096;

/** Starts Kinto with `settings` in a child process; resolves once it listens. */
export function startServerProcess(
  settings: Record<string, unknown>,
  startupMs = 60_000,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@core/source', '--import', 'tsx', ENTRY],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, HOSTILE_SETTINGS: JSON.stringify(settings) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let exitReason: string | undefined;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_TAIL);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `exit code ${code ?? '-'}, signal ${signal ?? '-'}`;
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Kinto server process did not start within ${startupMs} ms:\n${stderr}`));
    }, startupMs);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the Kinto server process ended at start-up (${exitReason}):\n${stderr}`));
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      stdout += text;
      const line = stdout.split('\n', 1)[0];
      if (line === undefined || !stdout.includes('\n')) return;
      clearTimeout(timer);
      const url = new URL((JSON.parse(line) as { url: string }).url);
      resolve({
        origin: url.origin,
        port: Number(url.port),
        pid: child.pid ?? -1,
        exited: () => exitReason,
        stderr: () => stderr,
        async kill() {
          if (exitReason === undefined) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
