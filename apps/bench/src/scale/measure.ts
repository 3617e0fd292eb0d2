import { median } from '../startup.ts';
import { header, type OneConnectionClient, parseServerTiming, type TimedResponse } from './client.ts';
import type { Probe } from './probes.ts';
import { checkAnswer } from './probes.ts';
import type { ProbeTimes } from './targets.ts';

/** Untimed rounds before the timed ones (JIT, connection, plan caches). */
const WARM_UP_ROUNDS = 1;

/** The value at `fraction` of the sorted values (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Medians of the wall times and of each `Server-Timing` span over the answers. */
export function summarise(responses: readonly TimedResponse[]): ProbeTimes {
  const walls = responses.map((response) => response.wallMs);
  const spans = responses.map((response) => parseServerTiming(header(response, 'server-timing')));
  const names = [...new Set(spans.flatMap((span) => Object.keys(span)))];
  const server: Record<string, number> = {};
  // A span a request did not use (no permission call) counts as 0 for it.
  for (const name of names) server[name] = round(median(spans.map((span) => span[name] ?? 0)));
  return {
    wall: {
      median: round(median(walls)),
      min: round(Math.min(...walls)),
      p90: round(percentile(walls, 0.9)),
    },
    server,
  };
}

/** One probe ready to send: its client (the actor's connection) and resolved path. */
export interface PlannedProbe {
  readonly client: OneConnectionClient;
  readonly probe: Probe;
  readonly path: string;
}

export type ProbeOutcome = { readonly times: ProbeTimes } | { readonly problem: string };

/** The path of a record created (untimed) for one request of a `fresh` probe. */
async function freshRecord(planned: PlannedProbe): Promise<string> {
  const created = await planned.client.send(
    'POST',
    planned.path,
    {},
    JSON.stringify({ data: { title: 'probe' } }),
  );
  if (created.status !== 201)
    throw new Error(`POST ${planned.path} answered ${created.status}: ${created.body}`);
  return `${planned.path}/${(JSON.parse(created.body) as { data: { id: string } }).data.id}`;
}

async function sendChecked(planned: PlannedProbe): Promise<TimedResponse | string> {
  const path = 'fresh' in planned.probe.target ? await freshRecord(planned) : planned.path;
  const response = await planned.client.send(planned.probe.method, path, {}, planned.probe.body);
  const problem = checkAnswer(planned.probe.expect, {
    status: response.status,
    body: response.body,
    totalObjects: header(response, 'total-objects'),
  });
  return problem ?? response;
}

/**
 * `WARM_UP_ROUNDS` untimed rounds, then `repeats` rounds; in each round every probe sends two requests
 * in a row, one at a time, and the second is timed. Rounds make a burst of load from elsewhere on the
 * machine land on every probe alike (instead of on whichever ran at that moment), so the ratios
 * between probes hold better than their absolute times; the untimed request just before each timed
 * one puts back in PostgreSQL's cache what this probe's query reads, whatever the previous probe (a
 * count, a very deep page) evicted, so a probe's time is its own query's, not the mix's. Every answer
 * must meet its probe's expectation; the first problem replaces the probe's times.
 */
export async function measureInRounds(
  planned: readonly PlannedProbe[],
  repeats: number,
  onRound: (round: number) => void = () => {},
): Promise<ProbeOutcome[]> {
  const problems: (string | undefined)[] = planned.map(() => undefined);
  const responses: TimedResponse[][] = planned.map(() => []);
  for (let round = -WARM_UP_ROUNDS; round < repeats; round++) {
    for (const [i, entry] of planned.entries()) {
      for (const timed of [false, round >= 0]) {
        if (problems[i] !== undefined) break;
        const answer = await sendChecked(entry);
        if (typeof answer === 'string') problems[i] = answer;
        else if (timed) responses[i]!.push(answer);
      }
    }
    if (round >= 0) onRound(round + 1);
  }
  return planned.map((_, i) =>
    problems[i] === undefined ? { times: summarise(responses[i]!) } : { problem: problems[i]! },
  );
}
