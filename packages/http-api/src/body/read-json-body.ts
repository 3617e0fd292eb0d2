import { isTextBodyRequest, type TextBodyRequest, utf8Scan } from '../app/subrequest-bodies.ts';
import { invalidParameters, requestTooLarge, unsupportedMediaType } from '../errors/http-errors.ts';
import { type BodyLimits, checkBodyShape, DEFAULT_BODY_LIMITS } from './body-limits.ts';

/** How a write request's body is to be read (http-api.md §1.2, §4.7). */
export type BodyContentType = 'json' | 'merge-patch' | 'json-patch';

/** Methods whose body {@link readJsonBody} reads. */
export type BodyMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Default body size limit (setting `body_max_bytes`): 2 MiB. Kinto sets none of its own (its WSGI
 * server caps bodies at 1 GiB); this one bounds what one request can make the server buffer, parse
 * and check (a few tens of milliseconds at most), so one client cannot stall the others.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

const MEDIA_TYPES: Readonly<Record<string, BodyContentType>> = {
  'application/json': 'json',
  'application/merge-patch+json': 'merge-patch',
  'application/json-patch+json': 'json-patch',
};

const ACCEPTED: Readonly<Record<BodyMethod, readonly string[]>> = {
  POST: ['application/json'],
  PUT: ['application/json'],
  PATCH: ['application/json', 'application/merge-patch+json', 'application/json-patch+json'],
  DELETE: [],
};

/** What {@link readJsonBody} found. */
export interface JsonBody {
  contentType: BodyContentType;
  /** The parsed body; `undefined` when the body is empty (or ignored, for `DELETE`). */
  body: unknown;
}

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest accepted body, in bytes ({@link DEFAULT_MAX_BODY_BYTES} by default). */
  maxBytes?: number;
  /** Bounds on the parsed body's shape ({@link DEFAULT_BODY_LIMITS} by default). */
  limits?: BodyLimits;
  /** Levels of envelope around the bodies `limits` are about (see {@link checkBodyShape}); default 0. */
  envelopeDepth?: number;
}

function bodyError(description: string) {
  return invalidParameters({ location: 'body', name: '', description });
}

/** The media type of a `Content-Type` value, lower-cased, parameters (`charset`) dropped. */
function mediaType(header: string): string {
  return (header.split(';', 1)[0] ?? '').trim().toLowerCase();
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Most of an oversized body read and discarded after the limit, and for how long at most. */
const DISCARD_BYTES = 16 * 1024 * 1024;
const DISCARD_MS = 2_000;

/**
 * Reads and discards the rest of an oversized body (bounded in bytes and time) so the 413 reaches
 * the client: a connection closed with unread data gets reset, and the reset can destroy the
 * answer before the client reads it. A cancel would tear the connection down at once, likewise.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), DISCARD_MS);
  });
  try {
    while (discarded <= DISCARD_BYTES) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'deadline' || next.done) return;
      discarded += next.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to protect.
  } finally {
    clearTimeout(timer);
    try {
      reader.releaseLock();
    } catch {
      // A read still pending (the deadline passed): the stream is abandoned as it is.
    }
  }
}

async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => requestTooLarge(maxBytes);
  const declared = Number(request.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  // A declared length within the limit bounds the body (the HTTP parser reads no more than it):
  // read it whole, without a stream (@hono/node-server reads it straight from the socket).
  if (Number.isSafeInteger(declared) && declared >= 0) {
    const whole = new Uint8Array(await request.arrayBuffer());
    if (whole.byteLength > maxBytes) throw tooLarge();
    return whole;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await discardRest(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body of a {@link TextBodyRequest}, under the same size checks as one read from a stream. */
function knownText(request: TextBodyRequest, maxBytes: number): string {
  const text = request.bodyText ?? '';
  const declared = Number(request.headers.get('Content-Length') ?? Number.NaN);
  const { bytes, wellFormed } = utf8Scan(text);
  if (declared > maxBytes || bytes > maxBytes) throw requestTooLarge(maxBytes);
  return wellFormed ? text : request.wellFormedText();
}

/**
 * Reads and parses the JSON body of a write request (http-api.md §1.2).
 *
 * - `Content-Type` must be `application/json` (any parameter, e.g. `charset`, allowed); `PATCH` also
 *   accepts `application/merge-patch+json` and `application/json-patch+json`. Anything else → 415
 *   listing the accepted types. A request with no `Content-Type` and an empty body is accepted.
 * - An empty (or whitespace-only) body gives `body: undefined`.
 * - `DELETE` bodies are ignored, as Kinto does: no `Content-Type` check, `body: undefined`.
 * - A body over `maxBytes` → 413 errno 113, read no further.
 * - Invalid UTF-8 or invalid JSON → 400 errno 107, details `[{location: 'body', name: '',
 *   description}]` (`"Invalid JSON: …"` for parse errors).
 * - A parsed body outside `limits`, or holding what a backend cannot store (NUL, lone surrogates,
 *   `1e400`) → 400 errno 107 naming the field (see {@link checkBodyShape}).
 */
export async function readJsonBody(
  request: Request,
  method: BodyMethod,
  options: ReadJsonBodyOptions = {},
): Promise<JsonBody> {
  if (method === 'DELETE') return { contentType: 'json', body: undefined };
  const header = request.headers.get('Content-Type')?.trim() || null;
  const accepted = ACCEPTED[method];
  const type = header === null ? null : mediaType(header);
  const declared = type === null ? undefined : MEDIA_TYPES[type];
  if (type !== null && (declared === undefined || !accepted.includes(type))) {
    throw unsupportedMediaType(accepted);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  let text: string;
  if (isTextBodyRequest(request)) {
    text = knownText(request, maxBytes);
  } else {
    const bytes = await readBytes(request, maxBytes);
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw bodyError('Invalid JSON: body is not valid UTF-8');
    }
  }
  const empty = text.trim() === '';
  if (declared === undefined) {
    if (empty) return { contentType: 'json', body: undefined };
    throw unsupportedMediaType(accepted);
  }
  const contentType = declared;
  if (empty) return { contentType, body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw bodyError(`Invalid JSON: ${reason}`);
  }
  checkBodyShape(body, options.limits ?? DEFAULT_BODY_LIMITS, options.envelopeDepth);
  return { contentType, body };
}
