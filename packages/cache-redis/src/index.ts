export {
  createCacheFromSettings,
  DEFAULT_REDIS_URL,
  RESILIENT_CLIENT_OPTIONS,
  type RedisCacheSettings,
  redisUrlFromSettings,
} from './from-settings.ts';
export {
  createListenerFromSettings,
  type RedisNotificationsSettings,
} from './notifications/from-settings.ts';
export {
  type ChangeNotification,
  NOTIFICATION_FIELD,
  notificationOf,
  parseNotification,
} from './notifications/message.ts';
export {
  createRedisNotifications,
  DEFAULT_NOTIFICATIONS_STREAM,
  type RedisNotificationsListener,
  type RedisNotificationsOptions,
} from './notifications/redis-notifications.ts';
export { createRedisCache, DEFAULT_HEARTBEAT_TIMEOUT_MS, type RedisCacheOptions } from './redis-cache.ts';
