import type { MetricLabels } from './metrics.ts';

/** Prometheus metric types this registry exposes. */
export type MetricType = 'counter' | 'histogram' | 'summary' | 'gauge';

/** One labelled time series of a family. */
export interface Series {
  readonly labelValues: readonly string[];
  /** Counter and gauge value; histogram and summary sum. */
  value: number;
  count: number;
  /** Histogram: observations per bucket (not cumulative; cumulated when rendered). */
  readonly buckets: number[];
  /** Unix time, in seconds, of the series' first observation. */
  readonly created: number;
}

interface SeriesNode {
  children?: Map<string, SeriesNode>;
  series?: Series;
}

/** A metric: its name, type, label names and series. */
export interface Family {
  readonly key: string;
  readonly name: string;
  readonly type: MetricType;
  /** Keys read from the observation labels, in order. */
  readonly labelKeys: readonly string[];
  /** The same, sanitised for the exposition. */
  readonly labelNames: readonly string[];
  /** Histogram upper bounds, ascending, ending with `+Inf`. */
  readonly bounds: readonly number[];
  readonly series: Series[];
  readonly root: SeriesNode;
}

/**
 * The series of `family` for `labels`, created when new unless the family already holds
 * `maxSeries` series (then `undefined`: the observation is dropped rather than let a label with
 * random values exhaust memory). Walks a tree of maps keyed by each label value, so looking up an
 * existing series allocates nothing.
 */
export function seriesOf(
  family: Family,
  labels: MetricLabels | undefined,
  maxSeries: number,
  now: () => number,
): Series | undefined {
  const full = family.series.length >= maxSeries;
  let node = family.root;
  for (const key of family.labelKeys) {
    const value = labels?.[key] ?? '';
    let child = node.children?.get(value);
    if (child === undefined) {
      if (full) return undefined;
      child = {};
      node.children ??= new Map();
      node.children.set(value, child);
    }
    node = child;
  }
  if (node.series === undefined) {
    if (full) return undefined;
    node.series = {
      labelValues: family.labelKeys.map((key) => labels?.[key] ?? ''),
      value: 0,
      count: 0,
      buckets: family.bounds.map(() => 0),
      created: now() / 1000,
    };
    family.series.push(node.series);
  }
  return node.series;
}
