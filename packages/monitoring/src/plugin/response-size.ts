import type { Context } from 'hono';

/**
 * Calls `record` with the size in bytes of the response body of `c`: at once when it is known
 * (no body, `HEAD`, `Content-Length`), else once the body has been streamed to the client, by
 * counting the chunks as they pass (no copy, no buffering).
 */
export function measureResponseSize(c: Context, record: (bytes: number) => void): void {
  const response = c.res;
  const length = response.headers.get('Content-Length');
  if (response.body === null || c.req.method === 'HEAD') {
    record(0);
    return;
  }
  if (length !== null && /^\d+$/.test(length)) {
    record(Number(length));
    return;
  }
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    flush() {
      record(bytes);
    },
  });
  const counted = new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // Unset first: Hono merges the old response's headers into a replacement.
  c.res = undefined;
  c.res = counted;
}
