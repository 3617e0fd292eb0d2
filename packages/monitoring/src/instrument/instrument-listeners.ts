import type { EventListener } from '@core/contracts';
import type { Metrics } from '../metrics/metrics.ts';
import { type Clock, monotonicClock } from './clock.ts';

/**
 * `listeners` timed into `metrics`: each delivery is observed in the histogram
 * `listeners.<name>.seconds` (toolkit.md §10), failed ones included.
 */
export function instrumentListeners(
  listeners: readonly EventListener[],
  metrics: Metrics,
  clock: Clock = monotonicClock,
): EventListener[] {
  return listeners.map((listener) => {
    const key = `listeners.${listener.name}.seconds`;
    return {
      name: listener.name,
      ...(listener.actions ? { actions: listener.actions } : {}),
      ...(listener.resources ? { resources: listener.resources } : {}),
      async handle(event, context) {
        const start = clock();
        try {
          await listener.handle(event, context);
        } finally {
          metrics.timer(key, (clock() - start) / 1000);
        }
      },
    };
  });
}
