import type { Backends } from '@core/contracts';
import type { Clock } from '../instrument/clock.ts';
import { type BackendRole, observeBackends } from '../instrument/timed-operations.ts';

/** Time spent in each backend during one request. */
export interface BackendSpans {
  readonly ms: Record<BackendRole, number>;
  readonly calls: Record<BackendRole, number>;
}

/** Backends that add the duration of each call to `spans` (one request's backends). */
export function spanningBackends(
  backends: Backends,
  clock: Clock,
): { backends: Backends; spans: BackendSpans } {
  const spans: BackendSpans = {
    ms: { storage: 0, permission: 0, cache: 0 },
    calls: { storage: 0, permission: 0, cache: 0 },
  };
  const observed = observeBackends(
    backends,
    (role, _method, ms) => {
      spans.ms[role] += ms;
      spans.calls[role] += 1;
    },
    clock,
  );
  return { backends: observed, spans };
}

const ROLES: readonly BackendRole[] = ['storage', 'permission', 'cache'];

/** The `Server-Timing` header value: one entry per backend used, then `total`. */
export function serverTimingHeader(spans: BackendSpans, totalMs: number): string {
  const entries: string[] = [];
  for (const role of ROLES) {
    const calls = spans.calls[role];
    if (calls > 0) entries.push(`${role};dur=${spans.ms[role].toFixed(2)};desc="${calls} calls"`);
  }
  entries.push(`total;dur=${totalMs.toFixed(2)}`);
  return entries.join(', ');
}
