import { describe, expect, it } from 'vitest';
import { parseServerTiming } from './client.ts';
import { percentile } from './measure.ts';
import { parseScaleOptions, type ScaleOptions } from './options.ts';
import {
  checkAnswer,
  type ProbeContext,
  readableCount,
  recordsOnPage,
  scaleProbes,
  selectiveN,
} from './probes.ts';
import { progressLine } from './progress.ts';
import { checkScaleTargets, scaleTargets } from './targets.ts';
import { withLimit } from './walk.ts';

const options = parseScaleOptions([], {}) as ScaleOptions;
const context: ProbeContext = {
  records: 1_000_000,
  readable: 10_000,
  etag: '1700000000000',
  ownerId: 'a',
  readerId: 'b',
  selectiveN: 123_456,
};

describe('bench:scale probes', () => {
  it('has a probe for every target, in the order they run: references, owner, reader', () => {
    const ids = scaleProbes(options, context).map((probe) => probe.id);
    expect(ids).toEqual([
      'lbheartbeat',
      'hello',
      'page-1',
      'page-1000',
      'filter-status',
      'filter-n',
      'poll',
      'count',
      'get-id',
      'patch',
      'delete',
      'reader-page-1',
      'reader-page-100',
      'reader-count',
      'reader-get-id',
    ]);
    const needed = scaleTargets(options).flatMap((t) =>
      t.kind === 'under-ms' ? [t.probe] : [t.probe, t.reference],
    );
    for (const id of needed) expect(ids).toContain(id);
  });

  it('expects what the seed holds: full pages, the last one short, a third done, one n, the reader share', () => {
    expect(selectiveN(1_000_000)).toBe(123_456);
    expect(selectiveN(20_000)).toBe(3_456);
    expect(readableCount(1_000_000, 100)).toBe(10_000);
    expect(readableCount(1_001, 100)).toBe(11); // n = 0, 100, …, 1000
    expect(recordsOnPage(25, 3, 10)).toBe(5);
    expect(recordsOnPage(25, 4, 10)).toBe(0);
    const small = scaleProbes(options, { ...context, records: 20 });
    expect(small.find((probe) => probe.id === 'filter-status')?.expect).toMatchObject({ count: 6 });
  });

  it('refuses a fast wrong answer: status, count, Total-Objects, field values', () => {
    const body = (data: unknown[]) => JSON.stringify({ data });
    const ok = { status: 200, totalObjects: undefined };
    expect(checkAnswer({ kind: 'status', status: 200 }, { ...ok, body: '' })).toBeUndefined();
    expect(checkAnswer({ kind: 'status', status: 200 }, { ...ok, status: 403, body: 'no' })).toMatch(/403/);
    expect(checkAnswer({ kind: 'total', count: 10 }, { ...ok, body: '', totalObjects: '9' })).toMatch(/9/);
    expect(checkAnswer({ kind: 'records', count: 0 }, { ...ok, body: body([{}]) })).toMatch(/1 records/);
    const every = { kind: 'records', every: { field: 'n', value: 5 } } as const;
    expect(checkAnswer(every, { ...ok, body: body([{ n: 5 }]) })).toBeUndefined();
    expect(checkAnswer(every, { ...ok, body: body([{ n: 5 }, { n: 6 }]) })).toMatch(/n = 6/);
    expect(checkAnswer(every, { ...ok, body: body([]) })).toMatch(/no record/);
  });
});

describe('bench:scale pure helpers', () => {
  it('reads Server-Timing spans, quoted commas included', () => {
    expect(
      parseServerTiming(
        'storage;dur=4.12;desc="3 calls, 1 tx", permission;dur=0.8;desc="2 calls", total;dur=6.31',
      ),
    ).toEqual({ storage: 4.12, permission: 0.8, total: 6.31 });
    expect(parseServerTiming(undefined)).toEqual({});
  });

  it('replays a Next-Page URL at another _limit, token and filters untouched', () => {
    expect(withLimit('http://h:1/v1/r?status=done&_limit=1000&_token=t1.abc.def', 10)).toBe(
      '/v1/r?status=done&_limit=10&_token=t1.abc.def',
    );
  });

  it('takes nearest-rank percentiles and draws a bar', () => {
    expect(percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(progressLine(500_000, 1_000_000, 'records', 12_345, 10)).toBe(
      '[#####·····]  50%  500,000 / 1,000,000  records  12.3 s',
    );
  });

  it('checks nothing it was not given', () => {
    expect(checkScaleTargets([], [])).toEqual([]);
  });
});
