import { describe, expect, it } from 'vitest';
import type { Machine } from '../machine.ts';
import { parseScaleOptions, type ScaleOptions } from './options.ts';
import { type ScaleReport, scaleMarkdown } from './report.ts';
import { checkScaleTargets, type ProbeResult, scaleTargets } from './targets.ts';

const machine: Machine = {
  date: '2026-12-07T23:00:00.000Z',
  node: 'v20.0.0',
  os: 'linux 6',
  cpuModel: 'CPU',
  cpuCount: 2,
  memoryGiB: 8,
  loadAverageAtStart: [1, 2, 3],
  pinned: true,
  commit: 'abc1234',
};

describe('bench:scale report', () => {
  it('prints the machine, the data, one row per probe and every target with its verdict', () => {
    const options = parseScaleOptions([], {}) as ScaleOptions;
    const results: ProbeResult[] = [
      {
        id: 'page-1',
        title: 'page 1',
        actor: 'owner',
        method: 'GET',
        path: '/',
        times: { wall: { median: 5, min: 4, p90: 6 }, server: { total: 4, storage: 2.5 } },
      },
      {
        id: 'page-1000',
        title: 'page 1,000',
        actor: 'owner',
        method: 'GET',
        path: '/',
        problem: 'the list ends',
      },
    ];
    const report: ScaleReport = {
      machine,
      options,
      seeding: { records: 1_000_000, readable: 10_000, aces: 1_010_000, seconds: 61.23 },
      results,
      targets: checkScaleTargets(scaleTargets(options), results),
      notes: ['page-1000: the list ends'],
      loadAverageAtEnd: [4, 5, 6],
      totalSeconds: 200,
    };
    const markdown = scaleMarkdown(report);
    expect(markdown).toContain('Machine: 2 × CPU, 8 GiB');
    expect(markdown).toContain('1,000,000 records in one collection, 1,010,000 ACE rows');
    expect(markdown).toContain('| page-1 | page 1 | 4.00 | 2.50 | – | 5.00 | 6.00 |');
    expect(markdown).toContain('| page-1000 | page 1,000 (the list ends) | – | – | – | – | – |');
    expect(markdown).toContain('### Targets: 0 met, 0 not met');
    expect(markdown).toContain('| page-1000 ≤ 1.5× page-1 | #11 | n/a | n/a |');
    expect(markdown).toContain('- page-1000: the list ends');
  });
});
