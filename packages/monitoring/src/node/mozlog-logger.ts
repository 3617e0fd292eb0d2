import { hostname } from 'node:os';
import type { Logger } from '@core/contracts';
import { createJsonLogger } from '../logger/json-logger.ts';
import type { LevelSetting } from '../logger/levels.ts';

/** Options of {@link createMozlogLogger}. */
export interface MozlogLoggerOptions {
  readonly level?: LevelSetting;
  /** Project name: the `Logger` field. */
  readonly name: string;
  /** Receives each line; default stdout. */
  readonly write?: (line: string) => void;
}

/** The JSON logger in the MozLog envelope, with this host's name and process id, on stdout. */
export function createMozlogLogger(options: MozlogLoggerOptions): Logger {
  return createJsonLogger({
    level: options.level ?? 'info',
    name: options.name,
    mozlog: { hostname: process.env.HOSTNAME ?? hostname(), pid: process.pid },
    write: options.write ?? ((line) => process.stdout.write(`${line}\n`)),
  });
}
