import type { Machine } from './machine.ts';
import { machineLine } from './machine.ts';
import type { Backend, WorkloadId } from './options.ts';
import { median, type StartupResult } from './startup.ts';
import {
  find,
  type Measurement,
  ratioToFloor,
  requiredRatio,
  STARTUP_TARGET_MS,
  startupMet,
  type TargetCheck,
} from './targets.ts';
import { WORKLOADS } from './workloads.ts';

/** Everything one run found. */
export interface BenchReport {
  readonly machine: Machine;
  readonly options: Record<string, unknown>;
  readonly measurements: readonly Measurement[];
  readonly targets: readonly TargetCheck[];
  readonly startup: readonly StartupResult[];
  readonly notes: readonly string[];
  /** 1, 5 and 15 minute load averages when the run ended. */
  readonly loadAverageAtEnd: readonly number[];
}

const BACKEND_TITLES: Record<Backend, string> = { memory: 'Memory', postgres: 'PostgreSQL + Redis' };

function cells(result: { rps: number; p50: number; p99: number; non2xx: number } | undefined): string[] {
  if (result === undefined) return ['–', '–', '–', '–'];
  return [result.rps.toFixed(0), String(result.p50), String(result.p99), String(result.non2xx)];
}

function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'n/a';
  return met ? 'met' : '**not met**';
}

function backendTable(report: BenchReport, backend: Backend, workloads: readonly WorkloadId[]): string[] {
  const lines = [
    `### ${BACKEND_TITLES[backend]}`,
    '',
    '| Workload | this server req/s | p50 ms | p99 ms | non-2xx | floor req/s | p50 ms | p99 ms | non-2xx | ratio | target | |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const id of workloads) {
    const ratio = ratioToFloor(report.measurements, id, backend);
    const required = requiredRatio(id, backend);
    const unit = WORKLOADS[id].unit === 'batch' ? ' (batches/s)' : '';
    lines.push(
      `| ${id} ${WORKLOADS[id].title}${unit} | ${[
        ...cells(find(report.measurements, id, 'kinto', backend)),
        ...cells(find(report.measurements, id, 'floor', backend)),
        ratio === undefined ? '–' : ratio.toFixed(3),
        `≥ ${required}`,
        verdict(ratio === undefined ? undefined : ratio >= required),
      ].join(' | ')} |`,
    );
  }
  return lines;
}

/** The run as Markdown: machine, one table per backend, the targets, start-up, notes. */
export function markdownReport(report: BenchReport): string {
  const workloads = [...new Set(report.measurements.map((m) => m.workload))];
  const backends = [...new Set(report.measurements.map((m) => m.backend))];
  const lines = [
    `## pnpm bench, ${report.machine.date}`,
    '',
    `Machine: ${machineLine(report.machine)}; load average at end ${report.loadAverageAtEnd.join(' / ')}.`,
    `Options: ${JSON.stringify(report.options)}.`,
    '',
  ];
  for (const backend of backends) lines.push(...backendTable(report, backend, workloads), '');
  const failed = report.targets.filter((check) => check.met === false);
  lines.push(
    `### Targets: ${report.targets.filter((check) => check.met).length} met, ${failed.length} not met`,
    '',
    '| Target | Backend | Workload | Value | |',
    '|---|---|---|--:|---|',
    ...report.targets.map(
      (check) =>
        `| ${check.target} | ${check.backend} | ${check.workload} | ${check.value} | ${verdict(check.met)} |`,
    ),
    '',
  );
  if (report.startup.length > 0) {
    lines.push(
      '### Start-up of `kinto start` (spawn → first 200 on /v1/__heartbeat__; RSS after 2 s at rest)',
      '',
    );
    lines.push(
      `| Backend | ready ms (median; runs) | target | | RSS MiB (median; runs) |`,
      '|---|--:|--:|---|--:|',
    );
    for (const run of report.startup) {
      lines.push(
        `| ${BACKEND_TITLES[run.backend]} | ${median(run.readyMs)} (${run.readyMs.join(', ')}) | < ${STARTUP_TARGET_MS} | ${verdict(startupMet(run.readyMs))} | ${median(run.rssMiB)} (${run.rssMiB.join(', ')}) |`,
      );
    }
    lines.push('');
  }
  if (report.notes.length > 0) lines.push('### Notes', '', ...report.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}
