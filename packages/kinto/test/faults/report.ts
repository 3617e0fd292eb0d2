import type { FuzzFigures } from './fuzz-pass.ts';
import type { Outcome } from './load.ts';
import {
  FAIL_FAST_BOUND_MS,
  type Fault,
  faultOf,
  ms,
  quantile,
  RECOVERY_BOUND_MS,
  recoveryMs,
  table,
} from './measures.ts';

/** The figures of a run, besides the load's outcomes. */
export interface Figures {
  /** Server processes that ended unasked, and exceptions their safety net caught. */
  readonly crashes: string[];
  /** Acknowledged writes not read back as sent. */
  readonly lost: string[];
  /** Answers no fault excuses (see `problemOf`). */
  readonly unexpected: string[];
  /** Latencies of the requests sent and answered while PostgreSQL was stopped, sorted. */
  failFast: number[];
  pgRecoveryMs: number;
  heartbeatDown?: { status: number; body: string; ms: number };
  heartbeatUp?: { status: number; body: string };
  sigtermExit?: { code: number | null; ms: number };
  fuzz: FuzzFigures;
  /** Why the run stopped before its end, if it did. */
  aborted?: string;
}

/** Prints the figures of a run: one row per fault, then the totals against their bounds. */
export function printReport(run: {
  readonly seed: number;
  readonly seconds: number;
  readonly faults: readonly Fault[];
  readonly outcomes: readonly Outcome[];
  readonly acknowledged: number;
  readonly figures: Figures;
}): void {
  const { faults, outcomes, figures } = run;
  const rows = faults.map((fault, index) => {
    const inWindow = outcomes.filter((outcome) => faultOf(outcome, [fault]) === fault);
    const count = (test: (outcome: Outcome) => boolean) => String(inWindow.filter(test).length);
    return [
      fault.name,
      String(inWindow.length),
      count((outcome) => typeof outcome.status === 'number' && outcome.status < 300),
      count((outcome) => outcome.status === 503),
      count(
        (outcome) => typeof outcome.status === 'number' && outcome.status >= 500 && outcome.status !== 503,
      ),
      count((outcome) => outcome.status === 'error' || outcome.status === 'timeout'),
      ms(recoveryMs(outcomes, fault.back, faults[index + 1]?.start)),
    ];
  });
  const failFast = figures.failFast;
  const lines = [
    '',
    `== test:faults — seed ${run.seed} (replay: FAULTS_SEED=${run.seed} pnpm test:faults), ${run.seconds.toFixed(1)} s ==`,
    table(
      [
        'fault (window: fault → back + 2 s)',
        'requests',
        '2xx',
        '503',
        'other 5xx',
        'no answer',
        'recovery after back',
      ],
      rows,
    ),
    '',
    table(
      ['figure', 'value', 'bound'],
      [
        [
          'crashes (process exits, uncaught exceptions caught by the net)',
          String(figures.crashes.length),
          '0',
        ],
        ['writes sent / acknowledged', `${outcomes.length} / ${run.acknowledged}`, ''],
        ['acknowledged writes lost', String(figures.lost.length), '0'],
        [
          'unexpected answers (5xx other than 503, 503 outside an outage, hangs)',
          String(figures.unexpected.length),
          '0',
        ],
        [
          'fail-fast while PostgreSQL is stopped (p50 / p95 / max, n)',
          `${ms(quantile(failFast, 0.5))} / ${ms(quantile(failFast, 0.95))} / ${ms(quantile(failFast, 1))}, ${failFast.length}`,
          `< ${FAIL_FAST_BOUND_MS} ms`,
        ],
        ['recovery after PostgreSQL is back', ms(figures.pgRecoveryMs), `< ${RECOVERY_BOUND_MS} ms`],
        [
          'heartbeat while PostgreSQL is stopped',
          figures.heartbeatDown
            ? `${figures.heartbeatDown.status} ${figures.heartbeatDown.body} in ${ms(figures.heartbeatDown.ms)}`
            : '-',
          '503, storage false',
        ],
        [
          'heartbeat after recovery',
          figures.heartbeatUp ? `${figures.heartbeatUp.status} ${figures.heartbeatUp.body}` : '-',
          '200',
        ],
        [
          'SIGTERM under load: exit code, time to exit',
          figures.sigtermExit ? `${figures.sigtermExit.code}, ${ms(figures.sigtermExit.ms)}` : '-',
          '0',
        ],
        [
          `fuzz pass on PostgreSQL (${figures.fuzz.sent} requests): answers`,
          [...figures.fuzz.statuses]
            .sort()
            .map(([status, n]) => `${status}×${n}`)
            .join(' '),
          'no 5xx, all answered',
        ],
      ],
    ),
    ...[
      ...(figures.aborted ? [figures.aborted] : []),
      ...figures.crashes,
      ...figures.lost,
      ...figures.unexpected,
      ...figures.fuzz.problems,
    ]
      .slice(0, 40)
      .map((problem) => `!! ${problem}`),
    '',
  ];
  console.log(lines.join('\n'));
}
