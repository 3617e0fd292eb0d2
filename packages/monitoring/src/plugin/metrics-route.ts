import type { ApiEnv } from '@core/http-api';
import type { Handler } from 'hono';
import type { PrometheusMetrics } from '../metrics/prometheus-metrics.ts';

/** Content type of the Prometheus text exposition, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `GET /v1/__metrics__` (utilities.md §9): the registry in the Prometheus text format. */
export function metricsHandler(metrics: PrometheusMetrics): Handler<ApiEnv> {
  return () => new Response(metrics.render(), { headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE } });
}
