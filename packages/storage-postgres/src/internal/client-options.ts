import type { Options } from 'postgres';

/** Defaults of the deadlines of a client this package opens from a URL (see `PostgresConnection`). */
export const CLIENT_DEFAULTS = {
  lockTimeoutMs: 10_000,
  statementTimeoutMs: 15_000,
  connectTimeoutMs: 2_000,
  poolTimeoutMs: 10_000,
} as const;

// Reconnection attempts while the server is away: 50 ms after the first failure, doubling, then
// every 0.5 s at most. postgres.js' own default grows to 20 s, which is how long requests kept
// failing after the server came back; half a second costs a stopped server two refused connects a
// second, and service resumes within half a second of its return.
const FIRST_RETRY_SECONDS = 0.05;
const LONGEST_RETRY_SECONDS = 0.5;

/** Seconds before reconnection attempt `attempts` (1, 2...). */
export function reconnectDelaySeconds(attempts: number): number {
  return Math.min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/** The deadlines of one client, in milliseconds (0: none). */
export interface ClientDeadlines {
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly poolTimeoutMs?: number;
}

const seconds = (ms: number): number => ms / 1000;

/**
 * postgres.js options carrying `deadlines`: `connect_timeout` (one connection attempt),
 * `queue_timeout` (a query or transaction waiting for a pooled connection), and PostgreSQL's own
 * `lock_timeout` and `statement_timeout` for every session (values in the URL's query string win).
 */
export function clientOptions(max: number, deadlines: ClientDeadlines): Options<Record<string, never>> {
  const lock = deadlines.lockTimeoutMs ?? CLIENT_DEFAULTS.lockTimeoutMs;
  const statement = deadlines.statementTimeoutMs ?? CLIENT_DEFAULTS.statementTimeoutMs;
  return {
    max,
    onnotice: () => {},
    connect_timeout: seconds(deadlines.connectTimeoutMs ?? CLIENT_DEFAULTS.connectTimeoutMs),
    queue_timeout: seconds(deadlines.poolTimeoutMs ?? CLIENT_DEFAULTS.poolTimeoutMs),
    backoff: reconnectDelaySeconds,
    connection: { lock_timeout: Math.ceil(lock), statement_timeout: Math.ceil(statement) },
  };
}
