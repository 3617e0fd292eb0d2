export { createMozlogLogger, type MozlogLoggerOptions } from './node/mozlog-logger.ts';
export { createPinoLogger, type PinoLoggerOptions } from './node/pino-logger.ts';
export { createStatsdMetrics, type StatsdMetrics, type StatsdOptions } from './node/statsd-metrics.ts';
