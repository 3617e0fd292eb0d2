import type { Capability } from '@core/http-api';

/** The history plugin's settings (kinto-resources.md §9.1), parsed. */
export interface HistorySettings {
  /** `history.exclude_user_ids`: changes by these users are not recorded. */
  readonly excludeUserIds: ReadonlySet<string>;
  /** `history.exclude_resources`: bucket, collection, group or record URIs not recorded. */
  readonly excludeResources: ReadonlySet<string>;
  /** `history.auto_trim_max_count`: entries kept per resource name (and user); `<= 0` = no trimming. */
  readonly autoTrimMaxCount: number;
  /** `history.auto_trim_user_ids`: trim only these users' entries, counted per user; `null` = everyone's. */
  readonly autoTrimUserIds: ReadonlySet<string> | null;
  /** `history.auto_trim_threshold`: how far past the maximum the count may go before trimming. */
  readonly autoTrimThreshold: number;
  /** `explicit_permissions`: whether entries get their own read ACE. */
  readonly explicitPermissions: boolean;
}

const TRIM_THRESHOLD = 100;

/** A list setting: a JSON array, or words separated by spaces, commas or newlines. */
function listSetting(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return String(value)
    .split(/[\s,]+/)
    .filter(Boolean);
}

function integerSetting(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(parsed)) {
    throw new Error(`Invalid setting "${name}": expected an integer, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

/**
 * Reads the `history.*` settings (unprefixed names, as `parseSettings` leaves them).
 * @throws Error at start-up when a count is not an integer.
 */
export function historySettings(settings: Readonly<Record<string, unknown>>): HistorySettings {
  const trimUsers = listSetting(settings['history.auto_trim_user_ids']);
  return {
    excludeUserIds: new Set(listSetting(settings['history.exclude_user_ids'])),
    excludeResources: new Set(listSetting(settings['history.exclude_resources'])),
    autoTrimMaxCount: integerSetting(
      'history.auto_trim_max_count',
      settings['history.auto_trim_max_count'],
      -1,
    ),
    autoTrimUserIds: trimUsers.length > 0 ? new Set(trimUsers) : null,
    autoTrimThreshold: Math.max(
      0,
      integerSetting('history.auto_trim_threshold', settings['history.auto_trim_threshold'], TRIM_THRESHOLD),
    ),
    explicitPermissions: settings.explicit_permissions !== false,
  };
}

const URI_KEYS = ['bucket', 'collection', 'group', 'record'] as const;

/**
 * An excluded URI as the capability shows it: `/buckets/b/collections/c` → `{bucket: 'b',
 * collection: 'c'}`; `null` for a URI naming none of Kinto's objects.
 */
export function describeUri(uri: string): Record<string, string> | null {
  const segments = uri.split('/').slice(1);
  if (segments.length % 2 !== 0 || segments.length === 0) return null;
  const described: Record<string, string> = {};
  for (let index = 0; index < segments.length; index += 2) {
    const plural = segments[index] ?? '';
    const key = URI_KEYS.find((name) => `${name}s` === plural);
    const id = segments[index + 1] ?? '';
    if (!key || id === '' || described[key] !== undefined) return null;
    described[key] = id;
  }
  return described.bucket === undefined ? null : described;
}

/** The `history` capability, with the trimming and exclusion settings in effect. */
export function historyCapability(settings: HistorySettings): Capability {
  const capability: Record<string, Capability[string]> = {
    description: 'Track changes on data.',
    url: 'http://kinto.readthedocs.io/en/latest/api/1.x/history.html',
  };
  if (settings.autoTrimMaxCount > 0) capability.auto_trim_max_count = settings.autoTrimMaxCount;
  if (settings.autoTrimUserIds) capability.auto_trim_user_ids = [...settings.autoTrimUserIds];
  if (settings.excludeResources.size > 0) {
    capability.excluded_resources = [...settings.excludeResources].flatMap((uri) => {
      const described = describeUri(uri);
      return described ? [described] : [];
    });
  }
  return capability as Capability;
}
