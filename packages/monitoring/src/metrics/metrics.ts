/**
 * Label values of one observation, by label name. A metric's label names are fixed by its first
 * observation (like Prometheus client libraries); later observations read the same names, a
 * missing one counting as `''` and an extra one being ignored.
 */
export type MetricLabels = Readonly<Record<string, string>>;

/**
 * The metrics service of the toolkit (toolkit.md §10): what the request middleware, the backend and
 * policy instrumentation and plugins record. Implementations never throw.
 *
 * Kinto passes labels as a list of `(name, value)` pairs; here they are an object, whose key
 * order is the label order.
 */
export interface Metrics {
  /** Adds `value` (default 1) to the counter `key`. */
  count(key: string, value?: number, labels?: MetricLabels): void;
  /** Records a duration of `seconds` in the histogram `key`. */
  timer(key: string, seconds: number, labels?: MetricLabels): void;
  /** Records `value` in the summary `key` (count and sum), e.g. response sizes. */
  observe(key: string, value: number, labels?: MetricLabels): void;
  /** Sets the gauge `key` to `value`. */
  gauge(key: string, value: number, labels?: MetricLabels): void;
}

const ignore = (): void => {};

/** Metrics that record nothing: the default when no metrics sink is configured. */
export const NOOP_METRICS: Metrics = Object.freeze({
  count: ignore,
  timer: ignore,
  observe: ignore,
  gauge: ignore,
});

/** Sends every observation to each of `sinks` (e.g. Prometheus and StatsD). */
export function combineMetrics(...sinks: readonly Metrics[]): Metrics {
  return {
    count: (key, value, labels) => {
      for (const sink of sinks) sink.count(key, value, labels);
    },
    timer: (key, seconds, labels) => {
      for (const sink of sinks) sink.timer(key, seconds, labels);
    },
    observe: (key, value, labels) => {
      for (const sink of sinks) sink.observe(key, value, labels);
    },
    gauge: (key, value, labels) => {
      for (const sink of sinks) sink.gauge(key, value, labels);
    },
  };
}
