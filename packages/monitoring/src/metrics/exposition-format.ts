/** A sample value as the Prometheus text format writes it (`1.0`, `0.25`, `+Inf`, `NaN`). */
export function formatSampleValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  // Python's prometheus_client writes floats (`1.0`); dashboards match `le="1.0"` literally.
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value);
}

/** Escapes a label value for the text format: `\`, `"` and line feeds. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) =>
    character === '\\' ? '\\\\' : character === '"' ? '\\"' : '\\n',
  );
}

/** Escapes a `# HELP` text: `\` and line feeds. */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (character) => (character === '\\' ? '\\\\' : '\\n'));
}

/** `{a="x",b="y"}` for the given names and values (empty string when there are none). */
export function formatLabels(names: readonly string[], values: readonly string[], extra?: string): string {
  const parts: string[] = [];
  for (let index = 0; index < names.length; index++) {
    parts.push(`${names[index]}="${escapeLabelValue(values[index] ?? '')}"`);
  }
  if (extra !== undefined) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}
