import type { LogFn, Logger, LogLevel } from '@core/contracts';
import { LEVEL_VALUES, type LevelSetting, levelThreshold, SYSLOG_SEVERITIES } from './levels.ts';
import { safeStringify } from './serialize.ts';

/** The MozLog envelope's process information (Node's entry fills it from `node:os`). */
export interface MozlogOptions {
  readonly hostname?: string;
  readonly pid?: number;
}

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written; default `info`. */
  readonly level?: LevelSetting;
  /** Project name: pino's `name` field, MozLog's `Logger`. */
  readonly name?: string;
  /** Receives each line, without line feed; default `console.log`. */
  readonly write?: (line: string) => void;
  /**
   * MozLog envelope instead of pino's layout: `Timestamp` (ns), `Type` (the message),
   * `Logger`, `Hostname`, `EnvVersion` `2.0`, `Severity` (syslog), `Pid`, `Fields`.
   */
  readonly mozlog?: boolean | MozlogOptions;
  /** Wall clock in milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Fields of every line. */
  readonly bindings?: Readonly<Record<string, unknown>>;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * An edge-safe structured logger (a contracts `Logger`): one JSON object per line, laid out like
 * pino's (`level` number, `time` ms, `name`, bindings, fields, `msg`) so pino-pretty reads it, or
 * in the MozLog envelope. A field named like an envelope key (`time`) replaces it. Never throws.
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const threshold = levelThreshold(level);
  const write = options.write ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const name = options.name;
  const mozlog = options.mozlog === true ? {} : options.mozlog || undefined;
  const bindings = options.bindings ?? {};

  function format(method: LogLevel, fields: Fields, message: string | undefined): string {
    if (mozlog) {
      const envelope = {
        Type: message ?? 'log',
        Logger: name ?? '',
        Hostname: mozlog.hostname ?? '',
        EnvVersion: '2.0',
        Severity: SYSLOG_SEVERITIES[method],
        Pid: mozlog.pid ?? 0,
        Fields: { ...bindings, ...fields },
      };
      // Nanoseconds exceed 2^53: written as digits rather than as a rounded number.
      return `{"Timestamp":${Math.trunc(now())}000000,${safeStringify(envelope).slice(1)}`;
    }
    return safeStringify({
      level: LEVEL_VALUES[method],
      time: now(),
      ...(name !== undefined ? { name } : {}),
      ...bindings,
      ...fields,
      ...(message !== undefined ? { msg: message } : {}),
    });
  }

  function logFn(method: LogLevel): LogFn {
    if (LEVEL_VALUES[method] < threshold) return () => {};
    return ((first: Fields | string, message?: string) => {
      try {
        const line =
          typeof first === 'string' ? format(method, {}, first) : format(method, first ?? {}, message);
        write(line);
      } catch {
        // A failing sink must not fail the request being logged.
      }
    }) as LogFn;
  }

  return {
    level,
    trace: logFn('trace'),
    debug: logFn('debug'),
    info: logFn('info'),
    warn: logFn('warn'),
    error: logFn('error'),
    fatal: logFn('fatal'),
    child: (more) => createJsonLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}
