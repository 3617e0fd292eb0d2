import { readFile } from 'node:fs/promises';
import type { JsonValue } from '@core/contracts';
import { SettingsFileError } from '../settings/settings-error.ts';

/**
 * Reads the `version.json` served by `/__version__` (setting `version_json_path`).
 *
 * @returns the parsed JSON, or `undefined` when the file does not exist.
 * @throws {SettingsFileError} naming the file when it exists but cannot be read or is not JSON.
 */
export async function readVersionFile(path: string): Promise<JsonValue | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SettingsFileError(path, undefined, `cannot read version file (${reason})`, { cause: error });
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SettingsFileError(path, undefined, `version file is not JSON (${reason})`, { cause: error });
  }
}
