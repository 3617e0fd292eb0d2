import { RECORDS_PATH } from '../collection.ts';
import type { OneConnectionClient } from './client.ts';
import { measureInRounds, type PlannedProbe } from './measure.ts';
import type { ScaleOptions } from './options.ts';
import type { Actor, Probe } from './probes.ts';
import { progressBar } from './progress.ts';
import type { ProbeResult } from './targets.ts';
import { walkToPage } from './walk.ts';

/**
 * Resolves every probe's path (walking `Next-Page` to the deep pages), measures them in rounds, and
 * reports one result per probe, in the probes' order; walks go to `notes`.
 */
export async function runProbes(
  log: (line: string) => void,
  options: ScaleOptions,
  clients: Record<Actor, OneConnectionClient>,
  probes: readonly Probe[],
  notes: string[],
): Promise<ProbeResult[]> {
  const planned: PlannedProbe[] = [];
  const unreachable = new Map<string, string>();
  for (const probe of probes) {
    const client = clients[probe.actor];
    if ('path' in probe.target || 'fresh' in probe.target) {
      planned.push({ client, probe, path: 'path' in probe.target ? probe.target.path : probe.target.fresh });
      continue;
    }
    const walked = await walkToPage(client, probe.target.page, options.pageSize, options.walkLimit);
    if (walked === undefined) {
      unreachable.set(probe.id, 'the list ends before this page');
      continue;
    }
    if (walked.requests > 0) {
      notes.push(
        `${probe.id}: reached in ${walked.requests} requests of \`_limit=${options.walkLimit}\` following Next-Page (${walked.seconds.toFixed(1)} s)`,
      );
    }
    planned.push({ client, probe, path: walked.path });
  }
  const bar = progressBar();
  const outcomes = await measureInRounds(planned, options.repeats, (round) =>
    bar.update(round, options.repeats, 'rounds of probes'),
  );
  bar.done();
  return probes.map((probe) => {
    const base = { id: probe.id, title: probe.title, actor: probe.actor, method: probe.method };
    const index = planned.findIndex((entry) => entry.probe === probe);
    if (index < 0) return { ...base, path: RECORDS_PATH, problem: unreachable.get(probe.id)! };
    const outcome = outcomes[index]!;
    const result = { ...base, path: planned[index]!.path.replace(/_token=[^&]+/, '_token=…'), ...outcome };
    log(
      'times' in outcome
        ? `  ${probe.id}: server ${outcome.times.server.total ?? '–'} ms, client ${outcome.times.wall.median} ms`
        : `  ${probe.id}: ${outcome.problem}`,
    );
    return result;
  });
}
