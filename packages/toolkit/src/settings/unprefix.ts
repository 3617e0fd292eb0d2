import { SettingsError } from './settings-error.ts';

/** The project prefix of settings names when none is given (`kinto.paginate_by`). */
export const DEFAULT_PROJECT = 'kinto';

/** Options naming the project whose prefix settings may carry. */
export interface ProjectOptions {
  /** Settings may be written `<project>.<name>`; default `kinto`. */
  readonly project?: string;
}

/** `kinto.paginate_by` → `paginate_by`; names without the project prefix are returned as they are. */
export function unprefixedName(name: string, project: string = DEFAULT_PROJECT): string {
  const prefix = `${project}.`;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

// As Kinto compares `str(value)`: '10' and 10 are the same value.
function comparable(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * Drops the `<project>.` prefix of every setting name (Kinto's rule: `kinto.paginate_by` and
 * `paginate_by` are the same setting). Entries whose value is `undefined` are skipped.
 *
 * @throws {SettingsError} when a setting is given both with and without the prefix with different
 * values (the same value twice is accepted), naming both keys.
 */
export function unprefixSettings(
  raw: Readonly<Record<string, unknown>>,
  options: ProjectOptions = {},
): Record<string, unknown> {
  const project = options.project ?? DEFAULT_PROJECT;
  const result: Record<string, unknown> = {};
  const sourceKey = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const name = unprefixedName(key, project);
    if (name === '__proto__')
      throw new SettingsError(name, 'another name', 'Invalid setting name "__proto__"');
    const previous = sourceKey.get(name);
    if (previous !== undefined && comparable(result[name]) !== comparable(value)) {
      const [first, second] = [previous, key].sort((a, b) => a.length - b.length);
      // Values are left out of the message: the setting may be a secret.
      throw new SettingsError(
        name,
        'a single value',
        `Settings "${first}" and "${second}" are in conflict: they have different values; keep only one`,
      );
    }
    sourceKey.set(name, key);
    result[name] = value;
  }
  return result;
}
