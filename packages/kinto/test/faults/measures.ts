import type { Outcome } from './load.ts';

// The figures of the fault suite, computed from the load's outcomes and the faults' timeline.

/** One injected fault: when it began, when the service it broke was back, and what it broke. */
export interface Fault {
  readonly name: string;
  /** `performance.now()` before the fault was injected. */
  readonly start: number;
  /** When the broken dependency was back (killed connections: right after the kill). */
  readonly back: number;
  /** Whether a failed connection (no HTTP answer) is expected meanwhile (the server itself restarts). */
  readonly serverDown?: boolean;
}

/**
 * How long after a fault is over answers may still fail: the bound for recovery (2 s). A 503
 * or, while the server itself restarts, a refused connection inside [start, back + grace] is the
 * outage; anywhere else it is unexpected.
 */
export const RECOVERY_BOUND_MS = 2_000;

/** The bound for a request while PostgreSQL is gone ("fail fast"). */
export const FAIL_FAST_BOUND_MS = 1_000;

const ok = (outcome: Outcome) =>
  typeof outcome.status === 'number' && outcome.status >= 200 && outcome.status < 300;

const overlaps = (outcome: Outcome, fault: Fault) =>
  outcome.end >= fault.start && outcome.start <= fault.back + RECOVERY_BOUND_MS;

/** The first fault whose outage window `outcome` overlaps, if any (the row of the report). */
export function faultOf(outcome: Outcome, faults: readonly Fault[]): Fault | undefined {
  return faults.find((fault) => overlaps(outcome, fault));
}

/** Why `outcome` is not acceptable, or `undefined` when it is. */
export function problemOf(outcome: Outcome, faults: readonly Fault[]): string | undefined {
  if (ok(outcome)) return undefined;
  const during = faults.filter((fault) => overlaps(outcome, fault));
  const { status } = outcome;
  if (status === 'timeout') return 'no answer within the deadline (a hang)';
  if (status === 'error') {
    return during.some((fault) => fault.serverDown) ? undefined : `no HTTP answer: ${outcome.detail}`;
  }
  if (status === 503) {
    if (outcome.errno !== 201 || outcome.retryAfter === null) return '503 without errno 201 and Retry-After';
    return during.length > 0 ? undefined : '503 outside any outage';
  }
  return `${status} ${outcome.detail ?? ''}`.trim();
}

/**
 * Time from `back` until the service answered again, steadily: until both the first success and the
 * last failure among the requests sent after `back` (and answered before `until`, the next fault)
 * had ended. Infinite when nothing succeeded.
 */
export function recoveryMs(
  outcomes: readonly Outcome[],
  back: number,
  until = Number.POSITIVE_INFINITY,
): number {
  const after = outcomes.filter((outcome) => outcome.start >= back && outcome.end < until);
  const ends = (test: (outcome: Outcome) => boolean) => after.filter(test).map((outcome) => outcome.end);
  const firstSuccess = Math.min(...ends(ok));
  const lastFailure = Math.max(back, ...ends((outcome) => !ok(outcome)));
  return Math.max(firstSuccess, lastFailure) - back;
}

/** Latencies of the requests sent and answered inside [from, to]. */
export function latencies(outcomes: readonly Outcome[], from: number, to: number): number[] {
  return outcomes
    .filter((outcome) => outcome.start >= from && outcome.end <= to)
    .map((outcome) => outcome.end - outcome.start)
    .sort((a, b) => a - b);
}

/** The `q` quantile (0–1) of sorted numbers; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** A Markdown-ish table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const ms = (value: number) => (Number.isNaN(value) ? '-' : `${Math.round(value)} ms`);
