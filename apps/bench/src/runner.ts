import type { Request } from 'autocannon';
import { AUTHORIZATION } from './collection.ts';
import { runLoad } from './load.ts';
import type { BenchOptions, WorkloadId } from './options.ts';
import type { Measurement } from './targets.ts';
import { WORKLOADS, type WorkloadContext } from './workloads.ts';

/** Sends one request of the workload and says what is wrong with its answer, if anything. */
async function probe(origin: string, request: Request): Promise<string | undefined> {
  const built =
    typeof request.setupRequest === 'function' ? request.setupRequest({ ...request }, {}) : request;
  const response = await fetch(origin + (built.path ?? '/'), {
    method: built.method ?? 'GET',
    headers: { authorization: AUTHORIZATION, ...(built.headers as Record<string, string> | undefined) },
    ...(built.body === undefined ? {} : { body: built.body as string }),
  });
  const text = await response.text();
  if (!response.ok) return `probe answered ${response.status}: ${text.slice(0, 200)}`;
  const responses = (JSON.parse(text) as { responses?: { status: number }[] }).responses;
  const failed = responses?.filter((item) => item.status < 200 || item.status > 299) ?? [];
  return failed.length > 0
    ? `probe batch: ${failed.length} sub-responses not 2xx (${failed[0]!.status})`
    : undefined;
}

export interface SubjectRun {
  readonly measurements: Measurement[];
  /** Problems seen by the probes, per workload. */
  readonly notes: string[];
}

/**
 * Runs the workloads against one subject: per workload a probe, a discarded warm-up, then the
 * measured run. `context` is read again before each workload (W5 needs the current ETag).
 */
export async function runWorkloads(
  origin: string,
  spec: Pick<Measurement, 'kind' | 'backend'>,
  options: BenchOptions,
  context: () => Promise<WorkloadContext>,
  log: (line: string) => void,
): Promise<SubjectRun> {
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  for (const id of options.workloads as WorkloadId[]) {
    const workload = WORKLOADS[id];
    const requests = workload.requests(await context());
    const problem = await probe(origin, requests[0]!);
    if (problem) notes.push(`${spec.kind} ${spec.backend} ${id}: ${problem}`);
    const base = { origin, requests, connections: options.connections };
    await runLoad({ ...base, seconds: options.warmupSeconds });
    const result = await runLoad({ ...base, seconds: options.durationSeconds });
    measurements.push({ workload: id, ...spec, result });
    log(
      `  ${id} ${workload.title}: ${result.rps.toFixed(0)} ${workload.unit}/s, p50 ${result.p50} ms, ` +
        `p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
  }
  return { measurements, notes };
}
