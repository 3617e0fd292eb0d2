import { createRequire } from 'node:module';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { pino } from 'pino';
import type { PinoPretty as PinoPrettyFactory } from 'pino-pretty';
import type { LevelSetting } from '../logger/levels.ts';

/** Options of {@link createPinoLogger}. */
export interface PinoLoggerOptions {
  /** Lowest level written; default `info`. */
  readonly level?: LevelSetting;
  /** Human-readable colored lines through pino-pretty (development); default JSON lines. */
  readonly pretty?: boolean;
  /** Project name, the `name` field of every line. */
  readonly name?: string;
  /** Where lines go; default stdout. */
  readonly destination?: DestinationStream;
}

/**
 * A pino logger (it satisfies the contracts `Logger`): JSON lines on stdout, or pretty lines
 * through pino-pretty when `pretty` is set — pino-pretty runs in-process as a stream, so no
 * worker thread or transport resolution is involved.
 */
export function createPinoLogger(options: PinoLoggerOptions = {}): PinoLogger {
  const settings = {
    level: options.level ?? 'info',
    ...(options.name ? { name: options.name } : {}),
    // One `time` per line: a line whose fields carry their own (the request summary's ISO time, as
    // Kinto writes it) keeps that one; pino's would be a second `time` key in the same object.
    timestamp: false,
    mixin: (fields: object) => (Object.hasOwn(fields, 'time') ? {} : { time: Date.now() }),
  };
  if (options.pretty) {
    // Loaded on demand: importing pino-pretty costs ~50 ms of every server's start-up.
    const { PinoPretty } = createRequire(import.meta.url)('pino-pretty') as {
      PinoPretty: typeof PinoPrettyFactory;
    };
    return pino(
      settings,
      PinoPretty({ colorize: true, ...(options.destination ? { destination: options.destination } : {}) }),
    );
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
