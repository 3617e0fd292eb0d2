import { type Family, type MetricType, seriesOf } from './family.ts';
import type { MetricLabels, Metrics } from './metrics.ts';
import { cleanPrometheusPrefix, sanitizeLabelName, sanitizeMetricName } from './names.ts';
import { renderFamily } from './render-family.ts';

/** Kinto's default `prometheus_histogram_buckets` (seconds); `+Inf` is always added. */
export const DEFAULT_HISTOGRAM_BUCKETS: readonly number[] = [0.01, 0.05, 0.1, 0.5, 1, 3, 6];

/** Options of {@link createPrometheusMetrics}, mirroring Kinto's `prometheus_*` settings. */
export interface PrometheusOptions {
  /** `prometheus_prefix`, cleaned as Kinto does (`kinto` → `kinto_`); default none. */
  readonly prefix?: string;
  /** `prometheus_disabled_metrics`: keys (`request_size`) or exposed names (`kinto_request_size`). */
  readonly disabledMetrics?: readonly string[];
  /** `prometheus_histogram_buckets`, upper bounds in seconds; default {@link DEFAULT_HISTOGRAM_BUCKETS}. */
  readonly histogramBuckets?: readonly number[];
  /** `prometheus_created_metrics_enabled`: expose `<name>_created` timestamps; default `true`. */
  readonly createdMetricsEnabled?: boolean;
  /** Series kept per metric; observations of further label combinations are dropped. Default 10,000. */
  readonly maxSeriesPerMetric?: number;
  /** Wall clock in milliseconds (the `_created` timestamps); default `Date.now`. */
  readonly now?: () => number;
}

/** Metrics kept in memory and exposed in the Prometheus text format. */
export interface PrometheusMetrics extends Metrics {
  /** The cleaned prefix of every name (`kinto_`), as shown in the `prometheus` capability. */
  readonly prefix: string;
  /** The disabled metrics, as configured. */
  readonly disabledMetrics: readonly string[];
  /** The text exposition (version 0.0.4) of every metric observed so far. */
  render(): string;
}

function normaliseBuckets(buckets: readonly number[]): number[] {
  const bounds = [...new Set(buckets.filter((bound) => !Number.isNaN(bound)))].sort((a, b) => a - b);
  if (bounds.at(-1) !== Number.POSITIVE_INFINITY) bounds.push(Number.POSITIVE_INFINITY);
  return bounds;
}

/**
 * A Prometheus registry implementing {@link Metrics}: `count` feeds counters, `timer` histograms,
 * `observe` summaries (count and sum, no quantiles) and `gauge` gauges. Names are Kinto's: the
 * key with `.`, `-` and spaces turned into `_`, after the cleaned prefix. A key used with two
 * types, or a disabled key, records nothing (metrics never fail a request).
 */
export function createPrometheusMetrics(options: PrometheusOptions = {}): PrometheusMetrics {
  const prefix = cleanPrometheusPrefix(options.prefix ?? '');
  const disabledMetrics = options.disabledMetrics ?? [];
  const disabled = new Set(
    disabledMetrics.map((name) =>
      sanitizeMetricName(prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name),
    ),
  );
  const bounds = normaliseBuckets(options.histogramBuckets ?? DEFAULT_HISTOGRAM_BUCKETS);
  const withCreated = options.createdMetricsEnabled ?? true;
  const maxSeries = options.maxSeriesPerMetric ?? 10_000;
  const now = options.now ?? Date.now;
  // By raw key, so that recording an existing metric allocates no name; `null` = disabled.
  const families = new Map<string, Family | null>();

  function familyOf(key: string, type: MetricType, labels: MetricLabels | undefined): Family | undefined {
    let family = families.get(key);
    if (family === undefined) {
      const fixed = sanitizeMetricName(key);
      if (disabled.has(fixed)) {
        family = null;
      } else {
        const labelKeys = Object.keys(labels ?? {}).filter((label) => label !== 'le' && label !== 'quantile');
        family = {
          key,
          name: `${prefix}${fixed}`,
          type,
          labelKeys,
          labelNames: labelKeys.map(sanitizeLabelName),
          bounds: type === 'histogram' ? bounds : [],
          series: [],
          root: {},
        };
      }
      families.set(key, family);
    }
    return family !== null && family.type === type ? family : undefined;
  }

  function series(key: string, type: MetricType, labels: MetricLabels | undefined) {
    const family = familyOf(key, type, labels);
    return family && seriesOf(family, labels, maxSeries, now);
  }

  return {
    prefix,
    disabledMetrics,
    count(key, value = 1, labels) {
      if (!(value >= 0)) return;
      const one = series(key, 'counter', labels);
      if (one) one.value += value;
    },
    timer(key, seconds, labels) {
      const family = familyOf(key, 'histogram', labels);
      const one = family && seriesOf(family, labels, maxSeries, now);
      if (!family || !one || Number.isNaN(seconds)) return;
      one.value += seconds;
      one.count += 1;
      let index = 0;
      while (index < family.bounds.length - 1 && seconds > (family.bounds[index] as number)) index++;
      one.buckets[index] = (one.buckets[index] ?? 0) + 1;
    },
    observe(key, value, labels) {
      const one = series(key, 'summary', labels);
      if (!one || Number.isNaN(value)) return;
      one.value += value;
      one.count += 1;
    },
    gauge(key, value, labels) {
      const one = series(key, 'gauge', labels);
      if (one) one.value = value;
    },
    render() {
      const lines: string[] = [];
      for (const family of families.values()) if (family) renderFamily(lines, family, withCreated);
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
  };
}
