import type { PrometheusOptions } from './prometheus-metrics.ts';

type SettingsLike = Readonly<Record<string, unknown>>;

/** A list setting: an array, or a string of items separated by spaces, commas or line feeds. */
export function listSetting(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter((item) => item !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item !== '');
  return [];
}

function booleanSetting(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && value.trim() !== '') return /^(true|yes|on|1)$/i.test(value.trim());
  return fallback;
}

/**
 * The {@link PrometheusOptions} of Kinto's settings: `prometheus_prefix` (default
 * `project_name`), `prometheus_disabled_metrics`, `prometheus_histogram_buckets` (`Inf` allowed),
 * `prometheus_created_metrics_enabled`.
 * @throws Error when a bucket is not a number.
 */
export function prometheusOptionsFromSettings(settings: SettingsLike): PrometheusOptions {
  const prefix = settings.prometheus_prefix ?? settings.project_name ?? '';
  const buckets = listSetting(settings.prometheus_histogram_buckets).map((item) => {
    const bound = /^\+?inf$/i.test(item) ? Number.POSITIVE_INFINITY : Number(item);
    if (Number.isNaN(bound)) throw new Error(`prometheus_histogram_buckets: "${item}" is not a number`);
    return bound;
  });
  return {
    prefix: String(prefix),
    disabledMetrics: listSetting(settings.prometheus_disabled_metrics),
    ...(buckets.length > 0 ? { histogramBuckets: buckets } : {}),
    createdMetricsEnabled: booleanSetting(settings.prometheus_created_metrics_enabled, true),
  };
}

/** `metrics_matchdict_fields`: route parameters added as labels to the request metrics. */
export function matchdictFieldsFromSettings(settings: SettingsLike): string[] {
  return listSetting(settings.metrics_matchdict_fields);
}
