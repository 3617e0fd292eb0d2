import type { Settings } from '@core/http-api';

/**
 * The principals listed by the setting `name` (a space/comma separated string or a list), else those
 * of `defaults`, else none. An explicitly empty setting overrides the default.
 */
export function settingPrincipals(
  settings: Settings,
  name: string,
  defaults: Readonly<Record<string, readonly string[]>>,
): readonly string[] {
  const value = settings[name];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((entry) => entry !== '');
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  return defaults[name] ?? [];
}

/**
 * The setting granting permission `permission` on every object of `resource` (Kinto's rule: a bound
 * permission `<resource>:x` reads `<resource>_x_principals`, any other `<resource>_<permission>_principals`).
 */
export function settingName(resource: string, permission: string): string {
  const own = `${resource}:`;
  const local = permission.startsWith(own) ? permission.slice(own.length) : permission;
  return `${resource}_${local}_principals`;
}
