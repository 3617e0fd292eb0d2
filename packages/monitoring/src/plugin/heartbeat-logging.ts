import type { Logger } from '@core/contracts';
import type { HeartbeatCheck } from '@core/http-api';

/**
 * Logs, at error level, each check of a failing `__heartbeat__` answer (503) that reported
 * `false`: exceptions and timeouts are already logged with their stack by the heartbeat endpoint;
 * this adds the checks that merely answered unhealthy, so every failure leaves a line.
 */
export async function logHeartbeatFailures(response: Response, logger: Logger): Promise<void> {
  if (response.status !== 503) return;
  try {
    const status: unknown = await response.clone().json();
    if (typeof status !== 'object' || status === null) return;
    for (const [name, healthy] of Object.entries(status)) {
      if (healthy === false) {
        logger.error(
          { heartbeat: name, reason: 'check failed (reported unhealthy, threw or timed out)' },
          `'${name}' heartbeat failed.`,
        );
      }
    }
  } catch {
    // Not the JSON of the heartbeat endpoint: nothing to report.
  }
}

/** Something that can tell whether it is healthy (a listener with a `heartbeat` method, a queue...). */
export interface HealthReporter {
  readonly name: string;
  heartbeat?(): Promise<boolean>;
}

/**
 * `__heartbeat__` checks for each of `reporters` that has a `heartbeat()` (e.g. event listeners
 * pushing to a queue), named `<prefix><name>`.
 */
export function heartbeatChecks(
  reporters: readonly HealthReporter[],
  prefix = 'listener_',
): Record<string, HeartbeatCheck> {
  const checks: Record<string, HeartbeatCheck> = {};
  for (const reporter of reporters) {
    const heartbeat = reporter.heartbeat;
    if (heartbeat) checks[`${prefix}${reporter.name}`] = () => heartbeat.call(reporter);
  }
  return checks;
}
