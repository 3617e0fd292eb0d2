import { spawnSync } from 'node:child_process';

/** Core of the servers under test; the load generator (this process) runs on {@link LOAD_CORE}. */
export const SERVER_CORE = '1';
export const LOAD_CORE = '0';

let available: boolean | undefined;

/** Whether `taskset` exists here (Linux with util-linux). */
export function hasTaskset(): boolean {
  available ??= spawnSync('taskset', ['-c', LOAD_CORE, 'true'], { stdio: 'ignore' }).status === 0;
  return available;
}

/** `[command, args]` running `args` pinned to `core` when taskset exists, else as is. */
export function pinned(core: string, command: string, args: readonly string[]): [string, string[]] {
  return hasTaskset() ? ['taskset', ['-c', core, command, ...args]] : [command, [...args]];
}

/**
 * Re-runs this script pinned to the load core unless it already is; returns the child's exit code,
 * or `undefined` when the caller should go on (already pinned, or no taskset).
 */
export function repinSelf(): number | undefined {
  if (process.env.BENCH_PINNED === '1' || !hasTaskset()) return undefined;
  const [command, args] = pinned(LOAD_CORE, process.execPath, [
    ...process.execArgv,
    process.argv[1]!,
    ...process.argv.slice(2),
  ]);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, BENCH_PINNED: '1' } });
  return child.status ?? 1;
}
