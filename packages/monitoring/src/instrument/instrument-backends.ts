import type { Backends } from '@core/contracts';
import type { MetricLabels, Metrics } from '../metrics/metrics.ts';
import { type Clock, monotonicClock } from './clock.ts';
import { type BackendRole, observeBackends } from './timed-operations.ts';

const KEYS: Readonly<Record<BackendRole, string>> = {
  storage: 'backend.storage.seconds',
  permission: 'backend.permission.seconds',
  cache: 'backend.cache.seconds',
};

/**
 * `backends` timed into `metrics` (toolkit.md §10): each call is observed in the histogram
 * `backend.<role>.seconds` with label `method` (the backend method), `<role>` being `storage`,
 * `permission` or `cache` — the class name Kinto's backends all share, so dashboards carry over.
 * Transaction handles are timed too; `transaction` itself is not. Each `cache.get` also counts
 * `cache_hits` or `cache_misses`.
 */
export function instrumentBackends(
  backends: Backends,
  metrics: Metrics,
  clock: Clock = monotonicClock,
): Backends {
  const labels = new Map<string, MetricLabels>();
  return observeBackends(
    backends,
    (role, method, ms, failed, result) => {
      let methodLabels = labels.get(method);
      if (methodLabels === undefined) {
        methodLabels = { method };
        labels.set(method, methodLabels);
      }
      metrics.timer(KEYS[role], ms / 1000, methodLabels);
      if (role === 'cache' && method === 'get' && !failed) {
        metrics.count(result === undefined ? 'cache_misses' : 'cache_hits');
      }
    },
    clock,
  );
}
