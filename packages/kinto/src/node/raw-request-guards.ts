import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERRNO } from '@core/contracts';
import { errorResponse, invalidParameters } from '@core/http-api';

type Fetch = (request: Request, env: { incoming?: { url?: string } }) => Response | Promise<Response>;

// A `.` or `..` path segment, plain or percent-encoded, in the raw request target.
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|\?|#|$)/i;

/**
 * `true` when the raw request target has a `.` or `..` segment. URL parsing collapses them before the
 * application sees the path — `DELETE …/records/r1/..` would arrive as `DELETE …/records/`, which the
 * trailing-slash redirect turns into the list URL: a client following it would delete the whole list.
 */
export function hasDotSegment(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  return DOT_SEGMENT.test(path);
}

const dotSegmentError = () =>
  invalidParameters({
    location: 'path',
    name: '',
    description: 'Invalid URL path: "." and ".." segments are not allowed.',
  });

/**
 * The app's fetch, refusing requests whose raw target has dot segments (400 in Kinto's error format)
 * before URL normalization hides them. `env.incoming` is the Node request @hono/node-server passes.
 */
export function refusingDotSegments(fetch: Fetch): Fetch {
  return (request, env) => {
    const target = env?.incoming?.url;
    if (typeof target === 'string' && hasDotSegment(target)) return errorResponse(dotSegmentError());
    return fetch(request, env);
  };
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
};

/** The status Node's own parser errors deserve (its `code`), as Node itself would answer. */
function statusOf(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  return 400;
}

/**
 * Answers requests Node's HTTP parser refuses before the application sees them (malformed request
 * line, oversized or invalid headers) with Kinto's JSON error body instead of an empty one, then
 * closes the connection. Timeouts and resets get no answer (the client is gone or too slow).
 */
export function answerParserErrorsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error);
    const reason = REASONS[status] ?? 'Bad Request';
    const body = JSON.stringify({
      code: status,
      errno: ERRNO.INVALID_PARAMETERS,
      error: reason,
      message: status === 431 ? 'Request header fields (or URL) too large.' : 'Malformed HTTP request.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Most of an unread request body read and discarded before answering, and for how long at most. */
const LINGER_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 2_000;

/**
 * Answers requests whose body was not read (a 413, a 401 before the body) only once the client has
 * finished sending it (up to {@link LINGER_BYTES} or {@link LINGER_MS}): closing a connection with
 * unread data makes the kernel send a reset, which can destroy the answer before the client reads it.
 */
export function lingerOnUnreadBodies(server: Server): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      if (request.complete || request.destroyed) return end(...args);
      let read = 0;
      const finish = () => {
        clearTimeout(timer);
        request.off('data', discard);
        request.off('end', finish);
        request.off('error', finish);
        end(...args);
      };
      const discard = (chunk: Uint8Array) => {
        read += chunk.length;
        if (read > LINGER_BYTES) finish();
      };
      const timer = setTimeout(finish, LINGER_MS);
      request.on('data', discard);
      request.once('end', finish);
      request.once('error', finish);
      request.resume();
      return response;
    }) as ServerResponse['end'];
  });
}
