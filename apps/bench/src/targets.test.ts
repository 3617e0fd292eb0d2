import { describe, expect, it } from 'vitest';
import type { LoadResult } from './load.ts';
import { checkTargets, type Measurement, ratioToFloor, requiredRatio, startupMet } from './targets.ts';

function result(rps: number, p99 = 5, non2xx = 0): LoadResult {
  return { rps, p50: 1, p99, requests: rps * 10, non2xx, errors: 0, seconds: 10 };
}

const measurements: Measurement[] = [
  { workload: 'W1', kind: 'kinto', backend: 'postgres', result: result(700) },
  { workload: 'W1', kind: 'floor', backend: 'postgres', result: result(1000) },
  { workload: 'W4', kind: 'kinto', backend: 'postgres', result: result(50, 40, 3) },
  { workload: 'W4', kind: 'floor', backend: 'postgres', result: result(100) },
  { workload: 'W2', kind: 'kinto', backend: 'memory', result: result(400) },
  { workload: 'W2', kind: 'floor', backend: 'memory', result: result(1000) },
];

describe('ratios and targets of issue 11', () => {
  it('divides this server by its floor on the same workload and backend', () => {
    expect(ratioToFloor(measurements, 'W1', 'postgres')).toBeCloseTo(0.7);
    expect(ratioToFloor(measurements, 'W2', 'memory')).toBeCloseTo(0.4);
    expect(ratioToFloor(measurements, 'W3', 'memory')).toBeUndefined();
  });

  it('asks 0.7× for PostgreSQL reads, 0.6× for writes, 0.5× on memory', () => {
    expect(requiredRatio('W7', 'postgres')).toBe(0.7);
    expect(requiredRatio('W6', 'postgres')).toBe(0.6);
    expect(requiredRatio('W6', 'memory')).toBe(0.5);
  });

  it('reports each target met, not met, or n/a when a side is missing', () => {
    const checks = checkTargets(measurements, ['W1', 'W4', 'W2', 'W3']);
    const verdict = (workload: string, backend: string, target: string) =>
      checks.find((c) => c.workload === workload && c.backend === backend && c.target.startsWith(target))
        ?.met;
    expect(verdict('W1', 'postgres', 'PG read')).toBe(true); // exactly 0.7 meets ≥ 0.7
    expect(verdict('W4', 'postgres', 'PG write')).toBe(false);
    expect(verdict('W4', 'postgres', 'p99')).toBe(false);
    expect(verdict('W4', 'postgres', '0 non-2xx')).toBe(false);
    expect(verdict('W2', 'memory', 'memory')).toBe(false);
    expect(verdict('W3', 'memory', 'memory')).toBeUndefined();
    // W6 and W7 have no p99 target; W1..W5 do.
    expect(checks.some((c) => c.workload === 'W1' && c.target.startsWith('p99'))).toBe(true);
  });
});

describe('the start-up target of issue 11', () => {
  it('judges the median of the runs against 300 ms', () => {
    expect(startupMet([250, 900, 280])).toBe(true);
    expect(startupMet([250, 310, 320])).toBe(false);
    expect(startupMet([280, 310])).toBe(true);
    expect(startupMet([])).toBeUndefined();
  });
});
