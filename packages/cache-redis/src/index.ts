export {
  createCacheFromSettings,
  DEFAULT_REDIS_URL,
  RESILIENT_CLIENT_OPTIONS,
  type RedisCacheSettings,
  redisUrlFromSettings,
} from './from-settings.ts';
export { createRedisCache, DEFAULT_HEARTBEAT_TIMEOUT_MS, type RedisCacheOptions } from './redis-cache.ts';
