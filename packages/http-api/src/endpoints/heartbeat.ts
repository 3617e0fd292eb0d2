import type { Logger } from '@core/contracts';
import type { Handler } from 'hono';
import type { HeartbeatCheck } from '../app/options.ts';
import type { ApiEnv } from '../context.ts';

const TIMED_OUT = Symbol('timed out');

async function runCheck(
  name: string,
  check: HeartbeatCheck,
  timeoutMs: number,
  logger: Logger | undefined,
): Promise<boolean | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const result = await Promise.race([check(), timeout]);
    if (result === TIMED_OUT) {
      logger?.error(`'${name}' heartbeat has exceeded timeout of ${timeoutMs / 1000} seconds.`);
      return false;
    }
    return result === null ? null : result === true;
  } catch (error) {
    logger?.error(
      { error: error instanceof Error ? error.stack : String(error) },
      `'${name}' heartbeat failed.`,
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `checks` concurrently, each bounded by `timeoutMs`; a check that throws or times out reports
 * `false`. Resolves to the name → result mapping.
 */
export async function runHeartbeats(
  checks: Readonly<Record<string, HeartbeatCheck>>,
  timeoutMs: number,
  logger?: Logger,
): Promise<Record<string, boolean | null>> {
  const entries = Object.entries(checks);
  const results = await Promise.all(entries.map(([name, check]) => runCheck(name, check, timeoutMs, logger)));
  return Object.fromEntries(entries.map(([name], index) => [name, results[index] as boolean | null]));
}

/**
 * `GET /v1/__heartbeat__` (utilities.md §2): the storage, permission and cache backends' health plus
 * `extraChecks`; 200 when every one is `true` or `null`, else 503 with the same mapping as body.
 */
export function heartbeatHandler(
  extraChecks: Readonly<Record<string, HeartbeatCheck>> = {},
): Handler<ApiEnv> {
  return async (c) => {
    const { storage, permission, cache } = c.get('backends');
    const checks: Record<string, HeartbeatCheck> = {
      storage: () => storage.heartbeat(),
      permission: () => permission.heartbeat(),
      cache: () => cache.heartbeat(),
      ...extraChecks,
    };
    const status = await runHeartbeats(
      checks,
      c.get('settings').heartbeat_timeout_seconds * 1000,
      c.get('logger'),
    );
    const healthy = Object.values(status).every((value) => value === true || value === null);
    return c.json(status, healthy ? 200 : 503);
  };
}
