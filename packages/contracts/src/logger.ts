/** Log levels, most verbose first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** A logging call: structured fields first, then an optional message (pino's signature). */
export interface LogFn {
  (fields: Readonly<Record<string, unknown>>, message?: string): void;
  (message: string): void;
}

/**
 * A structured logger. pino loggers satisfy it as they are; the edge-safe JSON logger of
 * `@core/monitoring` too. Calls never throw.
 */
export interface Logger {
  readonly level: LogLevel | (string & {});
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** A logger adding `bindings` to every line (e.g. the request id). */
  child(bindings: Readonly<Record<string, unknown>>): Logger;
}
