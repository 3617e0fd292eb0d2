import { DEFAULT_PROJECT, unprefixedName } from './unprefix.ts';

/** Options of {@link settingsFromEnv}. */
export interface EnvOptions {
  /** Project name, the prefix of names and of environment variables; default `kinto`. */
  readonly project?: string;
  /** Also read the variable without the project prefix (`PAGINATE_BY`), as Kinto does; default true. */
  readonly unprefixed?: boolean;
  /**
   * Settings whose names follow a pattern (`bucket_read_principals`, `<bid>_record_cache_expires_seconds`)
   * cannot all be listed in `keys`: a `<PROJECT>_<NAME>` variable whose lower-cased name matches one
   * of these is read too (prefixed variables only). Default {@link PATTERN_SETTINGS}.
   */
  readonly patterns?: readonly RegExp[];
}

/**
 * Setting names made of ids (`<resource>_<permission>_principals`, `[<bid>_[<cid>_]]record_cache_expires_seconds`,
 * `<resource>_id_generator`): read from `KINTO_…` variables although no file or default names them.
 * An id containing `.` or `-` cannot be told apart from `_` in a variable name, so such settings
 * only work from the INI file.
 */
export const PATTERN_SETTINGS: readonly RegExp[] = [
  /^[a-z0-9_]+_principals$/,
  /^[a-z0-9_]*cache_expires_seconds$/,
  /^[a-z0-9_]+_id_generator$/,
];

/** A setting name as an environment variable name: upper-cased, `.` and `-` → `_`. */
export function envVarName(name: string): string {
  return name.replace(/[.-]/g, '_').toUpperCase();
}

/**
 * Values of settings found in environment variables, by unprefixed setting name.
 *
 * Kinto's rule (`load_default_settings` + `utils.read_env`): for a setting `a.b-c` (written with or
 * without the project prefix), the variables are `A_B_C` and `KINTO_A_B_C` (the project name,
 * upper-cased, then the name upper-cased with `.` and `-` replaced by `_`); when both are set the
 * prefixed one wins. A variable set to the empty string counts (it means "empty"). Only the
 * settings named in `keys` are looked up (Kinto reads the environment for the settings it knows
 * from its defaults and the configuration file). Values are returned as text; `parseSettings`
 * converts them (JSON when it parses, for settings of no known type). Environment values override
 * the configuration file. Beyond Kinto, settings named after ids are read too (see `patterns`).
 */
export function settingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  keys: Iterable<string>,
  options: EnvOptions = {},
): Record<string, string> {
  const project = options.project ?? DEFAULT_PROJECT;
  const readUnprefixed = options.unprefixed ?? true;
  const result: Record<string, string> = {};
  const read = new Set<string>();
  for (const key of keys) {
    const name = unprefixedName(key, project);
    const candidates = [envVarName(`${project}.${name}`)];
    if (readUnprefixed) candidates.unshift(envVarName(name));
    for (const variable of candidates) {
      read.add(variable);
      const value = env[variable];
      if (value !== undefined) result[name] = value;
    }
  }
  const prefix = envVarName(`${project}.`);
  const patterns = options.patterns ?? PATTERN_SETTINGS;
  for (const [variable, value] of Object.entries(env)) {
    if (value === undefined || read.has(variable) || !variable.startsWith(prefix)) continue;
    const name = variable.slice(prefix.length).toLowerCase();
    if (patterns.some((pattern) => pattern.test(name))) result[name] = value;
  }
  return result;
}
