import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Stops a server the way a deploy wants it stopped. */
export interface Drainer {
  /**
   * Stops accepting connections, answers what is in flight with `Connection: close`, closes idle
   * keep-alive connections at once and busy ones after their current answer; at `deadlineMs`, closes
   * whatever is left. Resolves `true` when everything ended before the deadline.
   */
  drain(deadlineMs: number): Promise<boolean>;
}

/**
 * Tracks the answers in progress on `server` so {@link Drainer.drain} can end keep-alive connections
 * cleanly: a client busy on a kept-alive connection gets `Connection: close` with its next answer and
 * must reconnect, which the closed listener refuses — so no request is accepted after the drain.
 */
export function trackForDrain(server: Server): Drainer {
  const answering = new Set<ServerResponse>();
  let draining = false;

  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (draining) response.setHeader('Connection', 'close');
    answering.add(response);
    response.once('close', () => answering.delete(response));
  });

  return {
    drain(deadlineMs) {
      draining = true;
      for (const response of answering) {
        if (!response.headersSent) response.setHeader('Connection', 'close');
      }
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve(false);
        }, deadlineMs);
        server.close(() => {
          clearTimeout(timer);
          resolve(true);
        });
        server.closeIdleConnections();
      });
    },
  };
}
