import type { EventListener } from '@core/contracts';

// A listener package (named in `event_listeners.<name>.use`) that, for every bucket written, throws
// from a timer callback where no caller can catch it — as postgres.js 3.4 did from `nextWrite`.

export function createListenerFromSettings(): EventListener {
  return {
    name: 'throwing',
    handle(event) {
      if (event.type !== 'ResourceChanged') return;
      setImmediate(() => {
        throw new TypeError("Cannot read properties of null (reading 'write')");
      });
    },
  };
}
