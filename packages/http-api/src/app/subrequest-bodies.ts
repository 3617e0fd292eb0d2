import type { Context } from 'hono';

/**
 * A subrequest as a `Request` (it is `instanceof Request`) that holds only what routing and the
 * handlers read — method, URL, headers, and a body known up front as a string (a batch subrequest's
 * JSON) — and builds the real `Request` (URL parsing, header copy, abort signal, body stream) only
 * if something else is read. The body readers (`text`, `json`, `arrayBuffer`, `bytes`, `body`,
 * `clone`) serve the string as `new Request(url, { method, headers, body })` would, and
 * {@link readJsonBody} reads it directly.
 */
export class TextBodyRequest {
  readonly #url: string;
  readonly #method: string;
  readonly #headers: Headers;
  #real: Request | undefined;
  /** The body; `undefined` for none. */
  readonly bodyText: string | undefined;

  constructor(url: string | URL, init: { method: string; headers: Headers }, text?: string) {
    this.#url = typeof url === 'string' ? new URL(url).href : url.href;
    this.#method = init.method;
    this.#headers = init.headers;
    this.bodyText = text;
  }

  get url(): string {
    return this.#url;
  }

  get method(): string {
    return this.#method;
  }

  get headers(): Headers {
    return this.#headers;
  }

  /** The `Request` this one stands for, built the first time it is needed. */
  real(): Request {
    this.#real ??= new Request(this.#url, {
      method: this.#method,
      headers: this.#headers,
      ...(this.bodyText === undefined ? {} : { body: this.bodyText }),
    });
    return this.#real;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.bodyText === undefined ? null : new Blob([this.bodyText]).stream();
  }

  /** The text a reader gets: {@link bodyText}, lone surrogates replaced as UTF-8 encoding does. */
  wellFormedText(): string {
    const text = this.bodyText ?? '';
    return utf8Scan(text).wellFormed ? text : new TextDecoder().decode(new TextEncoder().encode(text));
  }

  text(): Promise<string> {
    return Promise.resolve(this.wellFormedText());
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(new TextEncoder().encode(this.bodyText ?? ''));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((bytes) => bytes.buffer as ArrayBuffer);
  }

  clone(): Request {
    return textBodyRequest(
      this.#url,
      { method: this.#method, headers: new Headers(this.#headers) },
      this.bodyText,
    );
  }
}

// Every other member of `Request` (signal, mode, formData()...) answered by the real request.
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor' || Object.hasOwn(TextBodyRequest.prototype, name)) continue;
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name);
  if (typeof descriptor?.value === 'function') {
    Object.defineProperty(TextBodyRequest.prototype, name, {
      configurable: true,
      writable: true,
      value(this: TextBodyRequest, ...args: unknown[]) {
        return (Reflect.get(this.real(), name) as (...rest: unknown[]) => unknown).apply(this.real(), args);
      },
    });
  } else if (descriptor?.get) {
    Object.defineProperty(TextBodyRequest.prototype, name, {
      configurable: true,
      get(this: TextBodyRequest) {
        return Reflect.get(this.real(), name);
      },
    });
  }
}
Object.setPrototypeOf(TextBodyRequest.prototype, Request.prototype);

/** A {@link TextBodyRequest}, typed as the `Request` it stands for. */
export function textBodyRequest(
  url: string | URL,
  init: { method: string; headers: Headers },
  text?: string,
): Request {
  return new TextBodyRequest(url, init, text) as unknown as Request;
}

/** `true` for a {@link TextBodyRequest}. */
export function isTextBodyRequest(request: Request): request is Request & TextBodyRequest {
  return (request as unknown) instanceof TextBodyRequest;
}

/**
 * Bytes of `text` in UTF-8, and whether it is well formed (a lone surrogate is written as U+FFFD,
 * three bytes).
 */
export function utf8Scan(text: string): { bytes: number; wellFormed: boolean } {
  let bytes = text.length;
  let wellFormed = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) i++;
      else wellFormed = false;
      bytes += 2;
    } else bytes += 2;
  }
  return { bytes, wellFormed };
}

/** JSON texts of the responses built by {@link rememberJsonTexts}'s `c.json`. */
const jsonTexts = new WeakMap<Response, string>();

/**
 * Makes `c.json` (the same response as Hono's) remember the text it serialized, so that a batch
 * reads a subresponse's body with {@link responseText} without materializing a stream.
 */
export function rememberJsonTexts(c: Context): void {
  c.json = ((object: unknown, arg?: never, headers?: Record<string, string>) => {
    const text = JSON.stringify(object);
    const response = c.body(text, arg, { 'Content-Type': 'application/json', ...headers });
    jsonTexts.set(response, text);
    return response;
  }) as unknown as typeof c.json;
}

/** The text `c.json` serialized for `response` (see {@link rememberJsonTexts}), if it did. */
export function knownJsonText(response: Response): string | undefined {
  return jsonTexts.get(response);
}

/** The body of `response` as text: the one `c.json` serialized when known, else read. */
export function responseText(response: Response): Promise<string> {
  const text = jsonTexts.get(response);
  return text === undefined ? response.text() : Promise.resolve(text);
}
