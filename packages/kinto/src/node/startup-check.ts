import type { Backends, Logger } from '@core/contracts';

interface Checkable {
  readonly name?: string;
  initializeSchema?(options: { dryRun: boolean }): Promise<void>;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Checks, without changing anything, that each backend can serve: its `initializeSchema({ dryRun:
 * true })` (PostgreSQL: reachable, schema migrated — else a message naming `kinto migrate`), each
 * bounded by `timeoutMs`. Logs a warning per problem and returns them, one line each. The server
 * starts anyway: a database that comes up or gets migrated later is served without a restart.
 */
export async function checkBackendsAtStartup(
  backends: Backends,
  logger: Logger,
  timeoutMs: number,
): Promise<string[]> {
  const roles: [string, Checkable][] = [
    ['storage', backends.storage],
    ['permission', backends.permission],
    ['cache', backends.cache],
  ];
  const problems = await Promise.all(
    roles.map(async ([role, backend]) => {
      if (typeof backend.initializeSchema !== 'function') return undefined;
      const label = `${role} backend (${backend.name ?? 'unnamed'})`;
      try {
        await within(backend.initializeSchema({ dryRun: true }), timeoutMs, label);
        return undefined;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const line = `${label} cannot serve yet: ${message}`;
        logger.warn({ role, backend: backend.name, reason: message }, `${line} — answering 503 until it can`);
        return line;
      }
    }),
  );
  return problems.filter((problem): problem is string => problem !== undefined);
}
