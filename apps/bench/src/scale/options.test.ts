import { describe, expect, it } from 'vitest';
import { parseScaleOptions, readerStride } from './options.ts';

describe('bench:scale options', () => {
  it('defaults to issue 11 item 4: a million records, pages 1 and 1,000 of 10, a 1 % reader', () => {
    expect(parseScaleOptions([], {})).toEqual({
      records: 1_000_000,
      repeats: 15,
      pageSize: 10,
      pages: [1, 1000],
      readerPages: [1, 100],
      walkLimit: 10,
      readerPercent: 1,
      keep: false,
      serverLog: '/dev/null',
    });
  });

  it('reads BENCH_SCALE_* variables, flags winning; page lists always start at page 1, sorted', () => {
    const options = parseScaleOptions(['--records', '20_000', '--pages', '10001,1001'], {
      BENCH_SCALE_RECORDS: '5000',
      BENCH_SCALE_READER_PAGES: '901 101',
      BENCH_SCALE_WALK_LIMIT: '1000',
      BENCH_SCALE_KEEP: '1',
    });
    expect(options).toMatchObject({
      records: 20_000,
      pages: [1, 1001, 10001],
      readerPages: [1, 101, 901],
      walkLimit: 1000,
      keep: true,
    });
  });

  it('refuses non-integers, zero and a share outside (0, 100]', () => {
    expect(() => parseScaleOptions(['--records', '1.5'], {})).toThrow(/positive integer/);
    expect(() => parseScaleOptions(['--pages', '0'], {})).toThrow(/positive integer/);
    expect(() => parseScaleOptions(['--reader-percent', '150'], {})).toThrow(/reader-percent/);
  });

  it('gives the reader every 100th record at 1 %, every record at 100 %', () => {
    expect(readerStride(1)).toBe(100);
    expect(readerStride(0.1)).toBe(1000);
    expect(readerStride(100)).toBe(1);
  });
});
