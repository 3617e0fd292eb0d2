import { parseArgs } from 'node:util';

/** What `pnpm bench:scale` measures, and on how much data. */
export interface ScaleOptions {
  /** Records seeded in the one collection. */
  readonly records: number;
  /** Timed requests per probe (the median is reported); each probe first sends 2 untimed ones. */
  readonly repeats: number;
  /** `_limit` of every measured listing page. */
  readonly pageSize: number;
  /** The owner's pages measured (1-based, at `pageSize`), reached by following `Next-Page`. */
  readonly pages: readonly number[];
  /** The shared reader's pages measured, likewise. */
  readonly readerPages: readonly number[];
  /** `_limit` of the requests that walk to a deep page (the token is then replayed at `pageSize`). */
  readonly walkLimit: number;
  /** Share of the records the second account may read, in percent. */
  readonly readerPercent: number;
  /** Leave the database and cache keys in place after the run (prints how to reach them). */
  readonly keep: boolean;
  /** Where the server's request log goes (default `/dev/null`). */
  readonly serverLog: string;
}

export const SCALE_USAGE = `Usage: pnpm bench:scale [-- options]   (each option also reads an environment variable)

  --records N         records in the collection            BENCH_SCALE_RECORDS       default 1000000
  --repeats N         timed requests per probe (median)    BENCH_SCALE_REPEATS       default 15
  --page-size N       _limit of the measured pages         BENCH_SCALE_PAGE_SIZE     default 10
  --pages LIST        owner's pages measured               BENCH_SCALE_PAGES         default 1,1000
  --reader-pages LIST shared reader's pages measured       BENCH_SCALE_READER_PAGES  default 1,100
  --walk-limit N      _limit while walking to deep pages   BENCH_SCALE_WALK_LIMIT    default 10
  --reader-percent P  share of records the reader may read BENCH_SCALE_READER_PERCENT default 1
  --keep              keep the database and cache keys     BENCH_SCALE_KEEP=1
  --server-log F      the server's request log             BENCH_SCALE_SERVER_LOG    default /dev/null`;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new Error(`${name} must be a positive integer: ${value}`);
  }
  return number;
}

function pageList(name: string, value: string | undefined, fallback: readonly number[]): number[] {
  if (value === undefined || value === '') return [...fallback];
  const pages = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((item) => positiveInteger(name, item, 1));
  // Page 1 is always measured: every deeper page is judged against it.
  return [...new Set([1, ...pages])].sort((a, b) => a - b);
}

function percent(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 100) {
    throw new Error(`reader-percent must be in (0, 100]: ${value}`);
  }
  return number;
}

/** Options from command-line flags, then `BENCH_SCALE_*` environment variables, then defaults. */
export function parseScaleOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ScaleOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      records: { type: 'string' },
      repeats: { type: 'string' },
      'page-size': { type: 'string' },
      pages: { type: 'string' },
      'reader-pages': { type: 'string' },
      'walk-limit': { type: 'string' },
      'reader-percent': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'server-log': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    records: positiveInteger('records', values.records ?? env.BENCH_SCALE_RECORDS, 1_000_000),
    repeats: positiveInteger('repeats', values.repeats ?? env.BENCH_SCALE_REPEATS, 15),
    pageSize: positiveInteger('page-size', values['page-size'] ?? env.BENCH_SCALE_PAGE_SIZE, 10),
    pages: pageList('pages', values.pages ?? env.BENCH_SCALE_PAGES, [1, 1000]),
    readerPages: pageList('reader-pages', values['reader-pages'] ?? env.BENCH_SCALE_READER_PAGES, [1, 100]),
    walkLimit: positiveInteger('walk-limit', values['walk-limit'] ?? env.BENCH_SCALE_WALK_LIMIT, 10),
    readerPercent: percent(values['reader-percent'] ?? env.BENCH_SCALE_READER_PERCENT),
    keep: values.keep || env.BENCH_SCALE_KEEP === '1',
    serverLog: values['server-log'] ?? env.BENCH_SCALE_SERVER_LOG ?? '/dev/null',
  };
}

/** Every how many records the reader gets one (1 % → every 100th record). */
export function readerStride(readerPercent: number): number {
  return Math.max(1, Math.round(100 / readerPercent));
}
