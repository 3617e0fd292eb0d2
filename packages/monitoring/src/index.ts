export { type Clock, monotonicClock } from './instrument/clock.ts';
export { instrumentBackends } from './instrument/instrument-backends.ts';
export { instrumentListeners } from './instrument/instrument-listeners.ts';
export { instrumentPolicies } from './instrument/instrument-policies.ts';
export type { BackendRole } from './instrument/timed-operations.ts';
export { createJsonLogger, type JsonLoggerOptions, type MozlogOptions } from './logger/json-logger.ts';
export type { LevelSetting } from './logger/levels.ts';
export { combineMetrics, type MetricLabels, type Metrics, NOOP_METRICS } from './metrics/metrics.ts';
export { cleanPrometheusPrefix, sanitizeLabelValue, sanitizeMetricName } from './metrics/names.ts';
export {
  createPrometheusMetrics,
  DEFAULT_HISTOGRAM_BUCKETS,
  type PrometheusMetrics,
  type PrometheusOptions,
} from './metrics/prometheus-metrics.ts';
export {
  listSetting,
  matchdictFieldsFromSettings,
  prometheusOptionsFromSettings,
} from './metrics/prometheus-settings.ts';
export { type HealthReporter, heartbeatChecks } from './plugin/heartbeat-logging.ts';
export { PROMETHEUS_CONTENT_TYPE } from './plugin/metrics-route.ts';
export { type MonitoringOptions, monitoringPlugin } from './plugin/monitoring-plugin.ts';
