/** Kinto's metric name fix: `-`, `.` and spaces become `_`; any other invalid character too. */
export function sanitizeMetricName(key: string): string {
  const fixed = key.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(fixed) ? `_${fixed}` : fixed;
}

/** A label name: like a metric name, without `:`. */
export function sanitizeLabelName(name: string): string {
  const fixed = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(fixed) ? `_${fixed}` : fixed;
}

/**
 * The `prometheus_prefix` as Kinto cleans it: sanitised, every `_` removed (metric groupings split
 * on the first `_`), lowercased, then one `_` appended: `remote-settings` → `remotesettings_`,
 * `kinto_` → `kinto_`, empty → no prefix.
 */
export function cleanPrometheusPrefix(prefix: string): string {
  if (prefix === '') return '';
  return `${sanitizeMetricName(prefix).replace(/_/g, '')}_`.toLowerCase();
}

const UNSAFE_LABEL_CHARACTERS = /[^A-Za-z0-9_.@+-]/g;
const MAX_LABEL_VALUE_LENGTH = 64;

/**
 * A label value taken from user input (route parameters, user ids): characters outside
 * `[A-Za-z0-9_.@+-]` become `_` and it is cut at 64 characters, so it can neither break an
 * exposition format nor grow without bound (kinto#3474).
 */
export function sanitizeLabelValue(value: string): string {
  const safe = value.replace(UNSAFE_LABEL_CHARACTERS, '_');
  return safe.length > MAX_LABEL_VALUE_LENGTH ? safe.slice(0, MAX_LABEL_VALUE_LENGTH) : safe;
}
