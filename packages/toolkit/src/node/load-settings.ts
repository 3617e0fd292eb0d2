import { settingsFromEnv } from '../settings/env.ts';
import { parseSettings } from '../settings/parse-settings.ts';
import { DEFAULT_TOOLKIT_SETTINGS, type ToolkitSettings } from '../settings/toolkit-settings.ts';
import { unprefixSettings } from '../settings/unprefix.ts';
import { loadSettingsFile } from './load-settings-file.ts';

/** Options of {@link loadSettings}. */
export interface LoadSettingsOptions {
  /** A Kinto-style INI file whose `[app:main]` section holds settings. */
  readonly iniPath?: string;
  /** Environment variables; default `process.env`. Pass `{}` to ignore the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings given in code; they win over everything else. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Project name, prefix of setting names and environment variables; default `kinto`. */
  readonly project?: string;
  /**
   * More setting names to look up in the environment. Every default setting and every setting of
   * the INI file and of `overrides` is looked up already (as Kinto does).
   */
  readonly envKeys?: Iterable<string>;
  /** An application's own defaults (e.g. Kinto's), below the INI file. */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/**
 * Settings from every source, highest last: defaults (the toolkit's, then `defaults`) ← INI file ←
 * environment variables ←
 * `overrides`, then {@link parseSettings} (conversion, validation). Each source may use the
 * `kinto.` prefix; a prefix conflict inside one source is an error, while a later source simply
 * overrides an earlier one.
 *
 * @throws {SettingsFileError} for an unreadable or malformed INI file.
 * @throws {SettingsError} for a prefix conflict or an invalid value.
 */
export async function loadSettings(options: LoadSettingsOptions = {}): Promise<ToolkitSettings> {
  const project = { project: options.project ?? 'kinto' };
  const fromFile = options.iniPath ? unprefixSettings(await loadSettingsFile(options.iniPath), project) : {};
  const overrides = unprefixSettings(options.overrides ?? {}, project);
  const defaults = unprefixSettings(options.defaults ?? {}, project);
  const keys = new Set([
    ...Object.keys(DEFAULT_TOOLKIT_SETTINGS),
    ...Object.keys(defaults),
    ...Object.keys(fromFile),
    ...Object.keys(overrides),
    ...(options.envKeys ?? []),
  ]);
  const fromEnv = settingsFromEnv(options.env ?? process.env, keys, project);
  return parseSettings({ ...defaults, ...fromFile, ...fromEnv, ...overrides }, project);
}
