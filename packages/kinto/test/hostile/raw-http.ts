import { connect } from 'node:net';

// A byte-exact HTTP/1.1 client for the hostile suite. `fetch` normalizes what it sends (it resolves
// `..` segments, refuses NUL or non-Latin-1 header bytes, cannot write a malformed request line),
// so every hostile request goes out through a plain socket, exactly as written here.

/** What the server answered to one raw request, or why it did not. */
export type RawAnswer =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly text: string;
      /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
      readonly json: unknown;
    }
  | { readonly kind: 'deadline' }
  | { readonly kind: 'no-answer'; readonly reason: string };

/** A request as bytes: the request line and headers verbatim, then the body (sent in `chunks`). */
export interface RawExchange {
  readonly host: string;
  readonly port: number;
  /** Everything up to and including the blank line that ends the headers. */
  readonly head: Uint8Array;
  /** The body, written after the head, one socket write per chunk. */
  readonly chunks: readonly Uint8Array[];
  /** Milliseconds before the exchange is abandoned (the socket destroyed). */
  readonly deadlineMs: number;
}

const CRLF = '\r\n';

/** The parts one after the other. */
export const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);

function indexOfBytes(haystack: Uint8Array, needle: string, from = 0): number {
  const bytes = new TextEncoder().encode(needle);
  outer: for (let index = from; index <= haystack.length - bytes.length; index++) {
    for (let offset = 0; offset < bytes.length; offset++) {
      if (haystack[index + offset] !== bytes[offset]) continue outer;
    }
    return index;
  }
  return -1;
}

/** Decodes a `Transfer-Encoding: chunked` body (trailers ignored). */
function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = indexOfBytes(body, CRLF, offset);
    if (lineEnd < 0) break;
    const sizeLine = new TextDecoder().decode(body.subarray(offset, lineEnd));
    const size = Number.parseInt(sizeLine.split(';', 1)[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return concat(parts);
}

/** Parses a whole HTTP/1.1 response (the connection was closed after it). */
export function parseResponse(response: Uint8Array): RawAnswer {
  let bytes = response;
  // Interim answers (`100 Continue`) come first: skip them.
  while (/^HTTP\/1\.[01] 1\d\d /.test(new TextDecoder('latin1').decode(bytes.subarray(0, 13)))) {
    const end = indexOfBytes(bytes, CRLF + CRLF);
    if (end < 0) break;
    bytes = bytes.subarray(end + 4);
  }
  const headEnd = indexOfBytes(bytes, CRLF + CRLF);
  if (headEnd < 0) {
    return { kind: 'no-answer', reason: `incomplete response (${bytes.length} bytes)` };
  }
  const [statusLine = '', ...lines] = new TextDecoder('latin1')
    .decode(bytes.subarray(0, headEnd))
    .split(CRLF);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  if (!Number.isInteger(status)) return { kind: 'no-answer', reason: `bad status line ${statusLine}` };
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined)
    body = body.subarray(0, Number(headers['content-length']));
  const text = new TextDecoder().decode(body);
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { kind: 'answer', status, headers, text, json };
}

/**
 * Sends the bytes and reads the response until the server closes the connection (requests carry
 * `Connection: close`). Write errors are ignored: a server may answer (413) and stop reading early.
 */
export function exchange(request: RawExchange): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const received: Uint8Array[] = [];
    let settled = false;
    const socket = connect({ host: request.host, port: request.port });
    const finish = (answer: () => RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer());
    };
    const timer = setTimeout(() => finish(() => ({ kind: 'deadline' })), request.deadlineMs);
    const fromReceived = (reason: string): RawAnswer =>
      received.length === 0 ? { kind: 'no-answer', reason } : parseResponse(concat(received));
    socket.on('connect', () => {
      socket.write(request.head);
      for (const chunk of request.chunks) socket.write(chunk);
    });
    socket.on('data', (data: Uint8Array) => received.push(data));
    socket.on('end', () => finish(() => fromReceived('connection closed without a response')));
    socket.on('close', () => finish(() => fromReceived('connection closed without a response')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE / ECONNRESET while the body is still being written: what was answered still counts.
      if (received.length > 0) return;
      if (error.code === 'EPIPE') return;
      finish(() => ({ kind: 'no-answer', reason: `${error.code ?? ''} ${error.message}`.trim() }));
    });
  });
}

/** A header pair; names and values are sent as Latin-1 bytes, verbatim. */
export type HeaderPair = readonly [name: string, value: string];

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);

/**
 * The head of a request: `<method> <target> HTTP/1.1`, `Host`, the given headers, then
 * `Content-Length` (or `Transfer-Encoding: chunked`) and `Connection: close` unless given.
 */
export function requestHead(
  method: string,
  target: string,
  host: string,
  headers: readonly HeaderPair[],
  body: { readonly length: number; readonly chunked: boolean } | undefined,
): Uint8Array {
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (body && !has('content-length') && !has('transfer-encoding')) {
    lines.push(body.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
  }
  if (!has('connection')) lines.push('Connection: close');
  return latin1(lines.join(CRLF) + CRLF + CRLF);
}

/** The body as chunked-encoding frames of about `size` bytes each. */
export function chunkedFrames(body: Uint8Array, size = 64 * 1024): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (let offset = 0; offset < body.length; offset += size) {
    const piece = body.subarray(offset, offset + size);
    frames.push(concat([encoder.encode(`${piece.length.toString(16)}${CRLF}`), piece, encoder.encode(CRLF)]));
  }
  frames.push(encoder.encode(`0${CRLF}${CRLF}`));
  return frames;
}

/** A body split in socket writes of `size` bytes (a large body is not one huge write). */
export function plainFrames(body: Uint8Array, size = 256 * 1024): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += size)
    frames.push(body.subarray(offset, offset + size));
  return frames;
}

export { latin1 };
