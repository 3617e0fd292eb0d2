import { BackendError, type EventListener, type ResourceAction } from '@core/contracts';
import type { Redis } from 'ioredis';
import { NOTIFICATION_FIELD, notificationOf } from './message.ts';

/** The stream the notifications go to when none is named. */
export const DEFAULT_NOTIFICATIONS_STREAM = 'kinto:changes';

const DEFAULT_ACTIONS: readonly ResourceAction[] = ['create', 'update', 'delete'];

/** Options of {@link createRedisNotifications}. */
export interface RedisNotificationsOptions {
  /** The ioredis client (not a `Cluster`), built by the caller. */
  readonly client: Redis;
  /** The stream key; default {@link DEFAULT_NOTIFICATIONS_STREAM}. */
  readonly stream?: string;
  /** Trims the stream to about this many entries (`XADD ... MAXLEN ~ n`); default unbounded. */
  readonly maxLength?: number;
  /** Listener name (metrics `listeners.<name>.seconds`, logs); default `redis`. */
  readonly name?: string;
  /** Whether `close()` also closes `client`; default `false` (the caller owns it). */
  readonly ownsClient?: boolean;
}

/** The notifications listener: a contracts `EventListener` that also knows its stream and can close. */
export interface RedisNotificationsListener extends EventListener {
  /** The stream key the changes are appended to. */
  readonly stream: string;
  /** Closes the client when the listener owns it; otherwise does nothing. */
  close(): Promise<void>;
}

function checkOptions(stream: string, maxLength: number | undefined): void {
  if (typeof stream !== 'string' || stream === '') {
    throw new TypeError('createRedisNotifications: `stream` must be a non-empty string');
  }
  if (maxLength !== undefined && !(Number.isSafeInteger(maxLength) && maxLength > 0)) {
    throw new TypeError(
      `createRedisNotifications: \`maxLength\` must be a positive integer, got ${maxLength}`,
    );
  }
}

/**
 * The notifications channel (name `redis`, actions create/update/delete): every
 * `AfterResourceChanged` event becomes one entry of a Redis stream,
 * `XADD <stream> [MAXLEN ~ n] * event <json>`, the JSON being a {@link ChangeNotification}, so that
 * workers in other processes can run asynchronous tasks on changes. Other events are ignored.
 *
 * Entries are appended in delivery order: http-api delivers events one after the other and awaits
 * each listener, and one ioredis connection runs its commands in the order they were sent. A failed
 * `XADD` rejects with the contracts `BackendError`; after commit, http-api only logs it, so the
 * request succeeds and that change is missing from the stream.
 */
export function createRedisNotifications(options: RedisNotificationsOptions): RedisNotificationsListener {
  const { client } = options;
  const stream = options.stream ?? DEFAULT_NOTIFICATIONS_STREAM;
  const { maxLength } = options;
  checkOptions(stream, maxLength);
  const trim: string[] = maxLength === undefined ? [] : ['MAXLEN', '~', String(maxLength)];

  return {
    name: options.name ?? 'redis',
    actions: DEFAULT_ACTIONS,
    stream,

    async handle(event) {
      if (event.type !== 'AfterResourceChanged') return;
      const json = JSON.stringify(notificationOf(event));
      try {
        await client.xadd(stream, ...trim, '*', NOTIFICATION_FIELD, json);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new BackendError(`Redis notifications XADD to "${stream}" failed: ${reason}`, { cause: error });
      }
    },

    async close() {
      if (!options.ownsClient || client.status === 'end') return;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
