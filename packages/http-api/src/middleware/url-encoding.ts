import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { badRequest, invalidParameters } from '../errors/http-errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** `true` when the percent-encoded `text` decodes to valid UTF-8 (lone `%` are kept as is). */
export function isValidPercentEncodedUtf8(text: string): boolean {
  if (!text.includes('%')) return true;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      // A parsed URL is ASCII: any non-ASCII character was percent-encoded by the parser.
      bytes.push(text.charCodeAt(i));
    }
  }
  try {
    decoder.decode(Uint8Array.from(bytes));
    return true;
  } catch {
    return false;
  }
}

const ENCODED_NUL = /%00/;

/**
 * Refuses paths and query strings that are not UTF-8 once percent-decoded, and paths holding NUL (no
 * id may contain it, and no backend could store it as a parent id): 400 errno 107 (§1).
 */
export function urlEncoding(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    checkUrlEncoding(c);
    await next();
  };
}

/** The check of {@link urlEncoding}. @throws HttpError 400. */
export function checkUrlEncoding(c: Context<ApiEnv>): void {
  // A URL without `%` is valid UTF-8 and holds no encoded NUL: nothing to parse.
  if (!c.req.url.includes('%')) return;
  const url = new URL(c.req.url);
  if (!isValidPercentEncodedUtf8(url.pathname)) throw badRequest('Invalid URL path.');
  if (ENCODED_NUL.test(url.pathname)) {
    throw invalidParameters({ location: 'path', name: '', description: 'Invalid URL path.' });
  }
  if (!isValidPercentEncodedUtf8(url.search)) {
    throw badRequest(
      'A request with an incorrect encoding in the querystring was received. ' +
        `Please make sure your requests are encoded in UTF-8: ${url.search.slice(1)}`,
    );
  }
}
