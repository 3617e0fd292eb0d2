import type { Backends } from '@core/contracts';

/** Releases the connections and timers of every backend (the pools of PostgreSQL and Redis). */
export async function closeBackends(backends: Backends): Promise<void> {
  await Promise.all([backends.storage.close?.(), backends.permission.close?.(), backends.cache.close?.()]);
}
