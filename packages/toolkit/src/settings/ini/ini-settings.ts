import { SettingsFileError } from '../settings-error.ts';
import { interpolateSection } from './interpolate.ts';
import { parseIni } from './parse-ini.ts';

/** Options of {@link settingsFromIni}. */
export interface IniSettingsOptions {
  /** File name for error messages; default `settings.ini`. */
  readonly source?: string;
  /** Section holding the settings; default `app:main` (Kinto's `kinto.ini`). */
  readonly section?: string;
  /** Values of `%(name)s` references not defined in the file, e.g. `here` and `__file__`. */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * The settings of a Kinto-style INI text (`kinto.ini`): the entries of its `[app:main]` section, as
 * text, with `%(here)s`-style references expanded. PasteDeploy's `use = egg:...` entry is dropped.
 * Edge-safe: the text may come from anywhere (see `loadSettingsFile` in `@core/toolkit/node` for
 * files).
 *
 * @throws {SettingsFileError} naming the source and line for malformed text, or when the section
 * is missing.
 */
export function settingsFromIni(text: string, options: IniSettingsOptions = {}): Record<string, string> {
  const source = options.source ?? 'settings.ini';
  const sectionName = options.section ?? 'app:main';
  const settings = interpolateSection(parseIni(text, source), sectionName, source, options.variables);
  if (!settings) throw new SettingsFileError(source, undefined, `no [${sectionName}] section`);
  delete settings.use;
  return settings;
}
