import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

// Item 1 of issue 12: a connection killed under a transaction (pg_terminate_backend, a server
// restart) made postgres.js 3.4 write to its closed socket from a setImmediate callback — an
// uncaught TypeError that ended the process. The scenarios run in a child process with no handler
// for uncaught exceptions; only this run's connections are killed (their own application_name).

const available = await postgresAvailable();
const schema = available ? await freshSchema('connection_loss') : '';
const CHILD = fileURLToPath(new URL('./support/connection-loss-child.ts', import.meta.url));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

function runChild(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@core/source', '--import', 'tsx', CHILD], {
      cwd: PACKAGE,
      env: { ...process.env, CONNECTION_LOSS_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // A hung child is killed: its exit code then fails the test.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!available)('connections killed under transactions (issue 12, item 1)', () => {
  it('F-OPS-03 F-TK-TX the process survives; calls on killed connections fail with BackendError; the pool serves again', async () => {
    const application = `connection_loss_${schema}`;
    const url = `${POSTGRES_URL}?search_path=${schema}&application_name=${application}`;
    const { code, stdout, stderr } = await runChild(url);
    expect(stderr, 'the child process wrote to stderr').toBe('');
    expect(code, `the child process ended with ${code}:\n${stderr}`).toBe(0);
    const outcomes = JSON.parse(stdout.trim()) as Record<string, string[]>;
    const all = Object.values(outcomes).flat();
    expect(all.filter((result) => result !== 'ok' && result !== 'BackendError')).toEqual([]);
    expect(outcomes.idle).toEqual(['BackendError', 'BackendError', 'BackendError']);
    expect(outcomes.waiting?.filter((result) => result === 'BackendError').length).toBeGreaterThan(0);
    expect(outcomes.load?.filter((result) => result === 'ok').length).toBeGreaterThan(0);
    expect(outcomes.after).toEqual(['ok', 'ok', 'ok']);
  });
});
