import { median } from '../startup.ts';
import { header, type OneConnectionClient, parseServerTiming, type TimedResponse } from './client.ts';
import type { Probe } from './probes.ts';
import { checkAnswer } from './probes.ts';
import type { ProbeTimes } from './targets.ts';

const WARM_UP = 2;

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

/**
 * Sends `path` untimed twice, then `repeats` times one after the other on `client`; every answer must
 * meet the probe's expectation (the first problem is returned instead of times).
 */
export async function measureProbe(
  client: OneConnectionClient,
  probe: Probe,
  path: string,
  repeats: number,
): Promise<{ times: ProbeTimes } | { problem: string }> {
  const responses: TimedResponse[] = [];
  for (let i = 0; i < WARM_UP + repeats; i++) {
    const response = await client.send(probe.method, path);
    const problem = checkAnswer(probe.expect, {
      status: response.status,
      body: response.body,
      totalObjects: header(response, 'total-objects'),
    });
    if (problem) return { problem };
    if (i >= WARM_UP) responses.push(response);
  }
  return { times: summarise(responses) };
}
