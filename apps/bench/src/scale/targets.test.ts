import { describe, expect, it } from 'vitest';
import { parseScaleOptions, type ScaleOptions } from './options.ts';
import { checkScaleTargets, issue23Targets, judgedMs, type ProbeResult, scaleTargets } from './targets.ts';

const options = parseScaleOptions([], {}) as ScaleOptions;

function result(id: string, serverTotal: number | undefined, wall = 99): ProbeResult {
  return {
    id,
    title: id,
    actor: 'owner',
    method: 'GET',
    path: '/',
    times: {
      wall: { median: wall, min: wall, p90: wall },
      server: serverTotal === undefined ? {} : { total: serverTotal },
    },
  };
}

describe('bench:scale targets of issue 11', () => {
  it('judges deeper pages against page 1 of the same account, filters and poll < 5 ms, counts < 200 ms', () => {
    const labels = scaleTargets(options).map((target) =>
      target.kind === 'under-ms'
        ? `${target.probe} < ${target.limitMs}`
        : `${target.probe} <= ${target.factor} ${target.reference}`,
    );
    expect(labels).toEqual([
      'page-1000 <= 1.5 page-1',
      'filter-status < 5',
      'filter-n < 5',
      'poll < 5',
      'count < 200',
      'reader-page-100 <= 1.5 reader-page-1',
      'reader-count < 200',
    ]);
  });

  it('meets a factor of exactly 1.5, misses a limit reached exactly, and says n/a without a measurement', () => {
    const checks = checkScaleTargets(scaleTargets(options), [
      result('page-1', 4),
      result('page-1000', 6),
      result('filter-status', 5),
      result('filter-n', 4.99),
      result('poll', 1),
      result('count', 250),
      { ...result('reader-page-1', 10), problem: '0 records instead of 10' },
      result('reader-page-100', 11),
    ]);
    const met = Object.fromEntries(checks.map((check) => [check.label, check.met]));
    expect(met).toEqual({
      'page-1000 ≤ 1.5× page-1': true,
      'filter-status < 5 ms': false,
      'filter-n < 5 ms': true,
      'poll < 5 ms': true,
      'count < 200 ms': false,
      'reader-page-100 ≤ 1.5× reader-page-1': undefined, // its reference answered wrong
      'reader-count < 200 ms': undefined,
    });
    expect(checks[0]!.value).toBe('1.50× (6.00 / 4.00 ms)');
  });

  it("judges the server's own total, the client's wall time only when the server sent none", () => {
    expect(judgedMs(result('x', 3, 7).times!)).toBe(3);
    expect(judgedMs(result('x', undefined, 7).times!)).toBe(7);
  });
});

describe('bench:scale targets of issue 23', () => {
  it('judges DELETE against PATCH and every reader page against the owner page 1', () => {
    const options = parseScaleOptions(['--reader-pages', '1,101,901'], {}) as ScaleOptions;
    expect(checkScaleTargets(issue23Targets(options), []).map((check) => check.label)).toEqual([
      'delete ≤ 2× patch',
      'reader-page-1 ≤ 3× page-1',
      'reader-page-101 ≤ 3× page-1',
      'reader-page-901 ≤ 3× page-1',
    ]);
  });
});
