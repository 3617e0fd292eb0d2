import type { Context } from 'hono';

/**
 * Sets a header on the response a middleware decorates after `next()`. Hono's `c.header()` on a
 * finalized response copies it (`new Response(res.body, res)`) on every call, which turns a string
 * body into a stream and loses @hono/node-server's direct write; the headers are written in place
 * instead, unless they are immutable (e.g. a fetched response), where `c.header()` copies as before.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  if (!c.finalized) {
    c.header(name, value);
    return;
  }
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
