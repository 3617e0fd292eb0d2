import { Redis } from 'ioredis';
import { RESILIENT_CLIENT_OPTIONS, type RedisCacheSettings, redisUrlFromSettings } from '../from-settings.ts';
import { createRedisNotifications, type RedisNotificationsListener } from './redis-notifications.ts';

/**
 * The settings {@link createListenerFromSettings} reads: the cache's (for the default server) and
 * the listener's own `event_listeners.<name>.*`. The toolkit's `ToolkitSettings` fits.
 */
export interface RedisNotificationsSettings extends RedisCacheSettings {
  readonly [key: string]: unknown;
}

function option(settings: Readonly<RedisNotificationsSettings>, key: string): unknown {
  const value = settings[key];
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function textOption(settings: Readonly<RedisNotificationsSettings>, key: string): string | undefined {
  const value = option(settings, key);
  if (value === undefined) return undefined;
  // Parsed settings turn numeric text into numbers: a stream may well be called `2024`.
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string')
    throw new TypeError(`Invalid setting "${key}": expected text, got ${String(value)}`);
  return value.trim();
}

function lengthOption(settings: Readonly<RedisNotificationsSettings>, key: string): number | undefined {
  const value = option(settings, key);
  if (value === undefined) return undefined;
  // Raw settings (INI, environment) are text; parsed ones may already be numbers.
  const length = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length <= 0) {
    throw new TypeError(`Invalid setting "${key}": expected a positive integer, got ${String(value)}`);
  }
  return length;
}

/**
 * The factory the toolkit calls for `event_listeners = <name>` with
 * `event_listeners.<name>.use = @core/cache-redis`: a {@link createRedisNotifications} listener named
 * `<name>`, on a client of its own for `event_listeners.<name>.url` (default: the cache's server, see
 * `redisUrlFromSettings`) with `RESILIENT_CLIENT_OPTIONS`, appending to `event_listeners.<name>.stream`
 * (default `kinto:changes`), trimmed to about `event_listeners.<name>.max_length` entries (default
 * unbounded). `close()` closes the client; its `error` events are swallowed (a failed `XADD` rejects).
 * @throws TypeError naming the setting when a value is malformed.
 */
export function createListenerFromSettings(
  settings: Readonly<RedisNotificationsSettings>,
  name: string,
): RedisNotificationsListener {
  const prefix = `event_listeners.${name}`;
  const url = textOption(settings, `${prefix}.url`);
  const stream = textOption(settings, `${prefix}.stream`);
  const maxLength = lengthOption(settings, `${prefix}.max_length`);
  const client = new Redis(url ?? redisUrlFromSettings(settings), { ...RESILIENT_CLIENT_OPTIONS });
  client.on('error', () => {});
  return createRedisNotifications({
    client,
    name,
    ownsClient: true,
    ...(stream === undefined ? {} : { stream }),
    ...(maxLength === undefined ? {} : { maxLength }),
  });
}
