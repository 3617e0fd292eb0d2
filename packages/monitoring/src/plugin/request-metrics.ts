import type { MetricLabels, Metrics } from '../metrics/metrics.ts';
import { sanitizeLabelValue } from '../metrics/names.ts';

const METHODS = new Map(
  ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].map((method) => [
    method,
    method.toLowerCase(),
  ]),
);

/** The `method` label: Kinto's lowercase method, `other` for non-standard ones (clients choose them). */
export function methodLabel(method: string): string {
  return METHODS.get(method) ?? 'other';
}

const STATUSES = new Map<number, string>();

/** The `status` label, its strings made once per status code. */
export function statusLabel(status: number): string {
  let label = STATUSES.get(status);
  if (label === undefined) {
    label = String(status);
    STATUSES.set(status, label);
  }
  return label;
}

/** What one request contributes to the request metrics. */
export interface RequestObservation {
  readonly method: string;
  readonly endpoint: string;
  readonly status: number;
  readonly seconds: number;
  /** The `metrics_matchdict_fields` route parameters, or `undefined` when none are configured. */
  readonly params: Readonly<Record<string, string>> | undefined;
  readonly matchdictFields: readonly string[];
}

/**
 * Records `request_summary` (counter: `method`, `endpoint`, `status` + matchdict fields) and
 * `request_duration_seconds` (histogram: `method`, `endpoint` + matchdict fields), and returns the
 * labels of `request_size`. Matchdict values are sanitised, and empty on error responses
 * (kinto#3534: a 404 would otherwise turn every random id into a series).
 */
export function recordRequest(metrics: Metrics, observation: RequestObservation): MetricLabels {
  const method = methodLabel(observation.method);
  const { endpoint, status } = observation;
  const labels: Record<string, string> = { method, endpoint };
  for (const field of observation.matchdictFields) {
    const value = status >= 400 ? '' : (observation.params?.[field] ?? '');
    labels[field] = sanitizeLabelValue(value);
  }
  metrics.count('request_summary', 1, { method, endpoint, status: statusLabel(status), ...labels });
  metrics.timer('request_duration_seconds', observation.seconds, labels);
  return labels;
}
