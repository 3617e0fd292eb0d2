import type { Context } from 'hono';

/**
 * A request whose body is a string known up front (a batch subrequest's JSON): the body readers
 * (`text`, `json`, `arrayBuffer`, `blob`, `body`, `clone`) serve it without the stream a `Request`
 * built with a body would set up, and {@link readJsonBody} reads {@link TextBodyRequest.bodyText}
 * directly. What a reader gets is what it would from `new Request(url, { body: text })`.
 */
export class TextBodyRequest extends Request {
  readonly bodyText: string;

  constructor(url: string | URL, init: { method: string; headers: Headers }, text: string) {
    super(url, { method: init.method, headers: init.headers });
    this.bodyText = text;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return new Blob([this.bodyText]).stream() as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  /** The text a reader gets: {@link bodyText}, lone surrogates replaced as UTF-8 encoding does. */
  wellFormedText(): string {
    return utf8Scan(this.bodyText).wellFormed
      ? this.bodyText
      : new TextDecoder().decode(new TextEncoder().encode(this.bodyText));
  }

  override text(): Promise<string> {
    return Promise.resolve(this.wellFormedText());
  }

  override json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.bodyText).buffer as ArrayBuffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.bodyText], { type: this.headers.get('Content-Type') ?? '' }));
  }

  override clone(): TextBodyRequest {
    return new TextBodyRequest(this.url, { method: this.method, headers: this.headers }, this.bodyText);
  }
}

/** `true` for a {@link TextBodyRequest}. */
export function isTextBodyRequest(request: Request): request is TextBodyRequest {
  return request instanceof TextBodyRequest;
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
