import type { JsonValue } from '@core/contracts';
import { knownJsonText } from '@core/http-api';

/** One entry of the batch response's `responses` (utilities.md §7.3). */
export interface BatchSubresponse {
  readonly status: number;
  /** The prefixed, percent-decoded path that answered (after redirects), without query string. */
  readonly path: string;
  /** Response headers, under their usual capitalisation (`ETag`, `Content-Type`). */
  readonly headers: Record<string, string>;
  /** Parsed JSON; the raw text when not JSON; `""` for `HEAD` and empty bodies. */
  readonly body: JsonValue;
}

const SPECIAL_NAMES: Readonly<Record<string, string>> = {
  etag: 'ETag',
  'www-authenticate': 'WWW-Authenticate',
  'x-xss-protection': 'X-XSS-Protection',
  'content-md5': 'Content-MD5',
};

const canonicalNames = new Map<string, string>(Object.entries(SPECIAL_NAMES));
const MAX_CACHED_NAMES = 500;

/** `content-type` → `Content-Type` (Fetch lower-cases header names; Kinto's clients expect these). */
export function canonicalHeaderName(name: string): string {
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    canonical = name.replace(
      /(^|-)([a-z])/g,
      (_, dash: string, letter: string) => dash + letter.toUpperCase(),
    );
    if (canonicalNames.size < MAX_CACHED_NAMES) canonicalNames.set(name, canonical);
  }
  return canonical;
}

function headersObject(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of headers) result[canonicalHeaderName(name)] = value;
  return result;
}

async function bodyOf(response: Response, method: string): Promise<JsonValue> {
  if (method === 'HEAD') {
    await response.body?.cancel();
    return '';
  }
  const text = await response.text();
  if (text === '') return '';
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** The serialisable form of a subrequest's response (consumes its body). */
export async function toSubresponse(
  response: Response,
  path: string,
  method: string,
): Promise<BatchSubresponse> {
  const status = response.status;
  const headers = headersObject(response.headers);
  const text = method === 'HEAD' ? undefined : knownJsonText(response);
  if (text === undefined) return { status, path, headers, body: await bodyOf(response, method) };
  // A body `c.json` serialized: kept as text, parsed only if read (see `responsesJson`).
  const subresponse = { status, path, headers } as BatchSubresponse;
  let body: JsonValue | undefined;
  Object.defineProperty(subresponse, 'body', {
    enumerable: true,
    get: () => {
      body ??= JSON.parse(text) as JsonValue;
      return body;
    },
  });
  jsonBodies.set(subresponse, text);
  return subresponse;
}

/** The JSON texts of the subresponse bodies that `c.json` serialized. */
const jsonBodies = new WeakMap<BatchSubresponse, string>();

/**
 * `JSON.stringify({ responses })`, the bodies serialized by `c.json` written as they are: a text
 * from `JSON.stringify` is what parsing and serializing it again would give.
 */
export function responsesJson(responses: readonly BatchSubresponse[]): string {
  const entries = responses.map((subresponse) => {
    const text = jsonBodies.get(subresponse);
    if (text === undefined) return JSON.stringify(subresponse);
    const { status, path, headers } = subresponse;
    return `{"status":${JSON.stringify(status)},"path":${JSON.stringify(path)},"headers":${JSON.stringify(headers)},"body":${text}}`;
  });
  return `{"responses":[${entries.join(',')}]}`;
}
