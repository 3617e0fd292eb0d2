import { escapeHelp, formatLabels, formatSampleValue } from './exposition-format.ts';
import type { Family } from './family.ts';

const HELP_PREFIX: Readonly<Record<Family['type'], string>> = {
  counter: 'Counter of',
  histogram: 'Histogram of',
  summary: 'Summary of',
  gauge: 'Gauge of',
};

function header(lines: string[], name: string, type: string, help: string): void {
  lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
}

/**
 * Appends `family` in the text exposition format version 0.0.4, laid out as Python's
 * prometheus_client does (which Kinto's dashboards were built on): counters are named
 * `<name>_total`; histograms have `_bucket` (cumulative, `le` last), `_count` and `_sum`;
 * summaries `_count` and `_sum`; the `_created` timestamps follow as a gauge family.
 */
export function renderFamily(lines: string[], family: Family, withCreated: boolean): void {
  const { name, labelNames, series } = family;
  const help = `${HELP_PREFIX[family.type]} ${name}`;
  if (family.type === 'counter') {
    header(lines, `${name}_total`, 'counter', help);
    for (const one of series) {
      lines.push(`${name}_total${formatLabels(labelNames, one.labelValues)} ${formatSampleValue(one.value)}`);
    }
  } else if (family.type === 'gauge') {
    header(lines, name, 'gauge', help);
    for (const one of series) {
      lines.push(`${name}${formatLabels(labelNames, one.labelValues)} ${formatSampleValue(one.value)}`);
    }
    return;
  } else {
    header(lines, name, family.type, help);
    for (const one of series) {
      if (family.type === 'histogram') {
        let cumulated = 0;
        family.bounds.forEach((bound, index) => {
          cumulated += one.buckets[index] ?? 0;
          const le = `le="${formatSampleValue(bound)}"`;
          lines.push(
            `${name}_bucket${formatLabels(labelNames, one.labelValues, le)} ${formatSampleValue(cumulated)}`,
          );
        });
      }
      const labels = formatLabels(labelNames, one.labelValues);
      lines.push(
        `${name}_count${labels} ${formatSampleValue(one.count)}`,
        `${name}_sum${labels} ${formatSampleValue(one.value)}`,
      );
    }
  }
  if (withCreated && series.length > 0) {
    header(lines, `${name}_created`, 'gauge', help);
    for (const one of series) {
      lines.push(
        `${name}_created${formatLabels(labelNames, one.labelValues)} ${formatSampleValue(one.created)}`,
      );
    }
  }
}
