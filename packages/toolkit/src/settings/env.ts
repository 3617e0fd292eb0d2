import { DEFAULT_PROJECT, unprefixedName } from './unprefix.ts';

/** Options of {@link settingsFromEnv}. */
export interface EnvOptions {
  /** Project name, the prefix of names and of environment variables; default `kinto`. */
  readonly project?: string;
  /** Also read the variable without the project prefix (`PAGINATE_BY`), as Kinto does; default true. */
  readonly unprefixed?: boolean;
}

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
 * the configuration file.
 */
export function settingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  keys: Iterable<string>,
  options: EnvOptions = {},
): Record<string, string> {
  const project = options.project ?? DEFAULT_PROJECT;
  const readUnprefixed = options.unprefixed ?? true;
  const result: Record<string, string> = {};
  for (const key of keys) {
    const name = unprefixedName(key, project);
    const candidates = [envVarName(`${project}.${name}`)];
    if (readUnprefixed) candidates.unshift(envVarName(name));
    for (const variable of candidates) {
      const value = env[variable];
      if (value !== undefined) result[name] = value;
    }
  }
  return result;
}
