import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { hasTaskset } from './pinning.ts';

/** Where and when the run happened. */
export interface Machine {
  readonly date: string;
  readonly node: string;
  readonly os: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverageAtStart: readonly number[];
  readonly pinned: boolean;
  readonly commit: string;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    pinned: hasTaskset(),
    commit: gitCommit(),
  };
}

/** One line: node, CPU, load. */
export function machineLine(machine: Machine): string {
  return (
    `${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, ` +
    `load average at start ${machine.loadAverageAtStart.join(' / ')}, ` +
    `${machine.pinned ? 'server on core 1, load generator on core 0 (taskset)' : 'not pinned (no taskset)'}, ` +
    `commit ${machine.commit}`
  );
}
