import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { settingsFromIni } from '../settings/ini/ini-settings.ts';
import { SettingsFileError } from '../settings/settings-error.ts';

/** Options of {@link loadSettingsFile}. */
export interface LoadSettingsFileOptions {
  /** Section holding the settings; default `app:main`. */
  readonly section?: string;
}

/**
 * Reads the settings of a Kinto-style INI file (`kinto.ini`): the `[app:main]` section, values as
 * text, `%(here)s` (the file's directory) and `%(__file__)s` (its path) expanded, as PasteDeploy
 * does. Names keep their `kinto.` prefix if written with it.
 *
 * @throws {SettingsFileError} naming the file (and the line) when it cannot be read, is malformed
 * or lacks the section.
 */
export async function loadSettingsFile(
  path: string,
  options: LoadSettingsFileOptions = {},
): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SettingsFileError(path, undefined, `cannot read settings file (${reason})`, { cause: error });
  }
  const absolute = resolve(path);
  return settingsFromIni(text, {
    source: path,
    ...(options.section === undefined ? {} : { section: options.section }),
    variables: { here: dirname(absolute), __file__: absolute },
  });
}
