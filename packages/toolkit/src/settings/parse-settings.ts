import * as v from 'valibot';
import { settingKind } from './known-settings.ts';
import { nativeValue } from './native-value.ts';
import type { SettingKind } from './setting-kinds.ts';
import { SettingsError } from './settings-error.ts';
import { DEFAULT_TOOLKIT_SETTINGS, type ToolkitSettings } from './toolkit-settings.ts';
import { type ProjectOptions, unprefixSettings } from './unprefix.ts';

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

/**
 * Converts and validates one known setting.
 *
 * @throws {SettingsError} naming the setting, the expected form and the value given.
 */
export function convertSetting(name: string, kind: SettingKind, value: unknown): unknown {
  const result = v.safeParse(kind.schema, kind.coerce(value));
  if (result.success) return result.output;
  throw new SettingsError(
    name,
    kind.expected,
    `Invalid setting "${name}": expected ${kind.expected}, got ${shown(value)}`,
  );
}

function copyDefaults(): ToolkitSettings {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(DEFAULT_TOOLKIT_SETTINGS)) {
    copy[name] = Array.isArray(value) ? [...value] : value;
  }
  return copy as unknown as ToolkitSettings;
}

/**
 * Turns raw settings (from objects, INI files or environment variables) into typed
 * {@link ToolkitSettings}:
 *
 * - names may carry the project prefix (`kinto.paginate_by`); a setting given with and without it
 *   with different values is an error;
 * - text values of known settings are converted: booleans (`true/false`, `yes/no`, `on/off`, `1/0`),
 *   integers, nullable numbers and strings (`''`, `None`, `null` → null), lists (space- or
 *   comma-separated, or a JSON array: `cors_origins`, `*_principals`, `includes`, ...);
 *   families are recognised by name (`*_enabled` booleans, `*_cache_expires_seconds` integers,
 *   `*_principals` lists, `*_id_generator`, `multiauth.policy.*.use`, `event_listeners.*.*`);
 * - every known setting is validated;
 * - unknown settings are kept under their unprefixed name; text that parses as JSON becomes the
 *   parsed value (Kinto's `native_value`: `'5'` → 5), other values are kept as they are;
 * - missing settings take {@link DEFAULT_TOOLKIT_SETTINGS}.
 *
 * @throws {SettingsError} for a prefix conflict or an invalid value; the message names the setting
 * and the expected form.
 */
export function parseSettings(
  raw: Readonly<Record<string, unknown>>,
  options: ProjectOptions = {},
): ToolkitSettings {
  const settings = copyDefaults();
  for (const [name, value] of Object.entries(unprefixSettings(raw, options))) {
    const kind = settingKind(name);
    settings[name] = kind ? convertSetting(name, kind, value) : nativeValue(value);
  }
  return settings;
}
