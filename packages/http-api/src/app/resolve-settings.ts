import { DEFAULT_SETTINGS, type Settings } from '../settings/settings.ts';

function randomHex(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Splits a space/comma separated list, as Kinto's `aslist` does. */
function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item !== '');
  return [];
}

/**
 * {@link DEFAULT_SETTINGS} overridden by `overrides`; `cors_origins` given as one string is split,
 * and an empty `pagination_token_secret` is replaced by a random one (toolkit.md §8).
 */
export function resolveSettings(overrides: Partial<Settings> = {}): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== undefined) settings[name] = value;
  }
  settings.cors_origins = asList(settings.cors_origins);
  if (!settings.pagination_token_secret) settings.pagination_token_secret = randomHex(32);
  return settings;
}

/** The version prefix of the URLs: `/v` and the major component of `http_api_version`. */
export function versionPrefix(settings: Settings): string {
  const major = String(settings.http_api_version).split('.')[0] ?? '1';
  return `/v${major}`;
}
