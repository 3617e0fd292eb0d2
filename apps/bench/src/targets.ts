import type { LoadResult } from './load.ts';
import type { Backend, WorkloadId } from './options.ts';
import { median } from './startup.ts';
import type { SubjectKind } from './subject.ts';

/** One workload measured on one subject. */
export interface Measurement {
  readonly workload: WorkloadId;
  readonly kind: SubjectKind;
  readonly backend: Backend;
  readonly result: LoadResult;
}

/** One verdict of issue 11's targets; `met` is `undefined` when a side was not measured. */
export interface TargetCheck {
  readonly target: string;
  readonly workload: WorkloadId;
  readonly backend: Backend;
  readonly value: string;
  readonly met: boolean | undefined;
}

const PG_READS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W5', 'W7'];
const PG_WRITES: readonly WorkloadId[] = ['W4', 'W6'];
const LATENCY_WORKLOADS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W4', 'W5'];
const P99_LIMIT_MS = 20;

export function find(
  measurements: readonly Measurement[],
  workload: WorkloadId,
  kind: SubjectKind,
  backend: Backend,
): LoadResult | undefined {
  return measurements.find((m) => m.workload === workload && m.kind === kind && m.backend === backend)
    ?.result;
}

/** This server's throughput over its floor's on the same workload and backend. */
export function ratioToFloor(
  measurements: readonly Measurement[],
  workload: WorkloadId,
  backend: Backend,
): number | undefined {
  const ours = find(measurements, workload, 'kinto', backend);
  const floor = find(measurements, workload, 'floor', backend);
  if (ours === undefined || floor === undefined || floor.rps <= 0) return undefined;
  return ours.rps / floor.rps;
}

/** The minimum ratio a workload must reach on a backend (issue 11). */
export function requiredRatio(workload: WorkloadId, backend: Backend): number {
  if (backend === 'memory') return 0.5;
  return PG_WRITES.includes(workload) ? 0.6 : 0.7;
}

function ratioCheck(
  measurements: readonly Measurement[],
  workload: WorkloadId,
  backend: Backend,
): TargetCheck {
  const required = requiredRatio(workload, backend);
  const ratio = ratioToFloor(measurements, workload, backend);
  const kind = backend === 'memory' ? 'memory' : PG_READS.includes(workload) ? 'PG read' : 'PG write';
  return {
    target: `${kind} ≥ ${required}× floor`,
    workload,
    backend,
    value: ratio === undefined ? 'n/a' : `${ratio.toFixed(3)}×`,
    met: ratio === undefined ? undefined : ratio >= required,
  };
}

/** Every target of issue 11 over what was measured, in workload order. */
export function checkTargets(
  measurements: readonly Measurement[],
  workloads: readonly WorkloadId[],
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const backends = [...new Set(measurements.map((m) => m.backend))];
  for (const backend of backends) {
    for (const workload of workloads) {
      checks.push(ratioCheck(measurements, workload, backend));
      const ours = find(measurements, workload, 'kinto', backend);
      if (LATENCY_WORKLOADS.includes(workload)) {
        checks.push({
          target: `p99 < ${P99_LIMIT_MS} ms`,
          workload,
          backend,
          value: ours === undefined ? 'n/a' : `${ours.p99} ms`,
          met: ours === undefined ? undefined : ours.p99 < P99_LIMIT_MS,
        });
      }
      checks.push({
        target: '0 non-2xx, 0 errors',
        workload,
        backend,
        value: ours === undefined ? 'n/a' : `${ours.non2xx} non-2xx, ${ours.errors} errors`,
        met: ours === undefined ? undefined : ours.non2xx === 0 && ours.errors === 0,
      });
    }
  }
  return checks;
}

/** Issue 11 item 5: from process start to the first 200 in under 300 ms. */
export const STARTUP_TARGET_MS = 300;

/** Whether a start-up measurement meets the target: its median, so one slow spawn on a busy machine does not decide. */
export function startupMet(readyMs: readonly number[]): boolean | undefined {
  return readyMs.length === 0 ? undefined : median(readyMs) < STARTUP_TARGET_MS;
}
