import type { Handler } from 'hono';
import type { ApiEnv } from '../context.ts';

/** `GET /v1/__lbheartbeat__` (utilities.md §3): always `200 {}`, touching nothing. */
export function lbHeartbeatHandler(): Handler<ApiEnv> {
  return (c) => c.json({}, 200);
}
