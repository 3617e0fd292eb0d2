import type { LogLevel } from '@core/contracts';

/** pino's numeric levels. */
export const LEVEL_VALUES: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/** Syslog severities of the MozLog `Severity` field. */
export const SYSLOG_SEVERITIES: Readonly<Record<LogLevel, number>> = {
  trace: 7,
  debug: 7,
  info: 6,
  warn: 4,
  error: 3,
  fatal: 2,
};

/** A level name, or `silent` to log nothing. */
export type LevelSetting = LogLevel | 'silent';

/** The numeric threshold of `level` (`silent`: nothing passes). */
export function levelThreshold(level: LevelSetting): number {
  return level === 'silent' ? Number.POSITIVE_INFINITY : LEVEL_VALUES[level];
}

/** `true` for the levels that log request and response details (headers, bodies). */
export function isDebugLevel(level: string): boolean {
  return level === 'debug' || level === 'trace';
}
