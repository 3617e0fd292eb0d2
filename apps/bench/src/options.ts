import { parseArgs } from 'node:util';

/** The workloads, in the order they run against each subject: reads first, writes last. */
export const WORKLOAD_IDS = ['W7', 'W1', 'W2', 'W3', 'W5', 'W4', 'W6'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

/** The storage backends; each brings two subjects, this server and its floor. */
export const BACKENDS = ['memory', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface BenchOptions {
  /** Measured seconds per workload (after the warm-up). */
  readonly durationSeconds: number;
  /** Discarded seconds of load before each measurement. */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Records seeded in the collection. */
  readonly records: number;
  readonly workloads: readonly WorkloadId[];
  readonly backends: readonly Backend[];
  /** Measure `kinto start` (start-up time, RSS at rest). */
  readonly startup: boolean;
  /** Where this server's request log goes (default `/dev/null`). */
  readonly serverLog: string;
  /** The PostgreSQL floor's `eq` filters: as the backend phrases them, or the exact test alone. */
  readonly floorFilters: 'mirror' | 'exact';
}

export const USAGE = `Usage: pnpm bench [-- options]   (each option also reads an environment variable)

  --duration S      measured seconds per workload     BENCH_DURATION     default 10
  --warmup S        discarded warm-up seconds         BENCH_WARMUP       default 2
  --connections N   concurrent connections            BENCH_CONNECTIONS  default 32
  --records N       records seeded                    BENCH_RECORDS      default 10000
  --workloads LIST  e.g. W1,W4                        BENCH_WORKLOADS    default all (W1..W7)
  --backends LIST   memory,postgres                   BENCH_BACKENDS     default both
  --no-startup      skip the start-up measurement     BENCH_STARTUP=0
  --server-log F    this server's log file            BENCH_SERVER_LOG   default /dev/null
  --floor-filters M PG floor's eq filters: exact      BENCH_FLOOR_FILTERS default exact
                    or mirror (with the backend's @> prefilter)`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number: ${value}`);
  return number;
}

function listOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T[] {
  if (value === undefined || value === '') return [...allowed];
  const items = value.split(/[\s,]+/).filter(Boolean);
  for (const item of items) {
    if (!allowed.some((id) => id.toLowerCase() === item.toLowerCase())) {
      throw new Error(`Unknown ${name} "${item}" (one of ${allowed.join(', ')})`);
    }
  }
  // Keep the canonical order, whatever order was asked for.
  return allowed.filter((id) => items.some((item) => item.toLowerCase() === id.toLowerCase()));
}

function floorFilters(value: string | undefined): 'mirror' | 'exact' {
  if (value === undefined || value === '' || value === 'exact') return 'exact';
  if (value === 'mirror') return 'mirror';
  throw new Error(`floor-filters must be mirror or exact: ${value}`);
}

/** Options from command-line flags, then `BENCH_*` environment variables, then defaults. */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      records: { type: 'string' },
      workloads: { type: 'string' },
      backends: { type: 'string' },
      'no-startup': { type: 'boolean', default: false },
      'server-log': { type: 'string' },
      'floor-filters': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    durationSeconds: positive('duration', values.duration ?? env.BENCH_DURATION, 10),
    warmupSeconds: positive('warmup', values.warmup ?? env.BENCH_WARMUP, 2),
    connections: Math.round(positive('connections', values.connections ?? env.BENCH_CONNECTIONS, 32)),
    records: Math.round(positive('records', values.records ?? env.BENCH_RECORDS, 10_000)),
    workloads: listOf('workload', values.workloads ?? env.BENCH_WORKLOADS, WORKLOAD_IDS),
    backends: listOf('backend', values.backends ?? env.BENCH_BACKENDS, BACKENDS),
    startup: !values['no-startup'] && env.BENCH_STARTUP !== '0',
    serverLog: values['server-log'] ?? env.BENCH_SERVER_LOG ?? '/dev/null',
    floorFilters: floorFilters(values['floor-filters'] ?? env.BENCH_FLOOR_FILTERS),
  };
}
