import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.ts';

describe('bench options', () => {
  it('defaults to the issue: 10 s after a 2 s warm-up, 32 connections, 10,000 records, everything', () => {
    expect(parseOptions([], {})).toEqual({
      durationSeconds: 10,
      warmupSeconds: 2,
      connections: 32,
      records: 10_000,
      workloads: ['W7', 'W1', 'W2', 'W3', 'W5', 'W4', 'W6'],
      backends: ['memory', 'postgres'],
      startup: true,
      serverLog: '/dev/null',
      floorFilters: 'exact',
    });
  });

  it('reads BENCH_* variables, flags winning, and keeps the canonical workload order', () => {
    const options = parseOptions(['--duration', '3', '--workloads', 'w4,W1'], {
      BENCH_DURATION: '5',
      BENCH_BACKENDS: 'postgres',
      BENCH_STARTUP: '0',
    });
    expect(options).toMatchObject({ durationSeconds: 3, workloads: ['W1', 'W4'], backends: ['postgres'] });
    expect(options).toMatchObject({ startup: false });
  });

  it('refuses unknown workloads and non-positive numbers', () => {
    expect(() => parseOptions(['--workloads', 'W9'], {})).toThrow(/Unknown workload/);
    expect(() => parseOptions([], { BENCH_DURATION: '0' })).toThrow(/positive/);
  });
});
