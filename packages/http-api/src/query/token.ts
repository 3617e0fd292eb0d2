import type { JsonObject, KeysetCursor } from '@core/contracts';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { invalidQuery } from '../errors/http-errors.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { isPlainObject } from './json-value.ts';

/** What a pagination token carries. */
export interface TokenPayload {
  /** Sort values (and `id`) of the last object of the previous page. */
  readonly after: KeysetCursor;
  /** Number of objects returned so far. */
  readonly offset: number;
  /** Single-use marker of plural-DELETE tokens (http-api.md §9.3). */
  readonly nonce?: string;
  /** Binds the token to one list and query (see `tokenScope`); checked, never transmitted. */
  readonly scope: string;
}

/** Longest token accepted (characters); longer ones are refused before any work. */
export const MAX_TOKEN_LENGTH = 4096;

/** Version tag, first segment of every token; a format change gets a new tag. */
const VERSION = 't1';

const TOKEN_SHAPE = /^t1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

const encoder = new TextEncoder();

/** The signed text: the scope is authenticated without travelling in the token. */
function signedBytes(body: string, scope: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${VERSION}.${body}.${scope}`);
}

/**
 * The HMAC-SHA256 key signing pagination tokens, already fed its padded key: each signature costs
 * two SHA-256 blocks in JavaScript, synchronously (Web Crypto's `sign` took a thread-pool round trip
 * per listed page). The signatures are HMAC-SHA256's, as Web Crypto computes them.
 */
export interface TokenKey {
  readonly keyed: ReturnType<typeof hmac.create>;
}

function keyOf(bytes: Uint8Array): TokenKey {
  return Object.freeze({ keyed: hmac.create(sha256, bytes) });
}

function signatureOf(key: TokenKey, bytes: Uint8Array): Uint8Array {
  return key.keyed.clone().update(bytes).digest();
}

/** `true` when both byte strings are equal, in a time that depends on their lengths only. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * The key signing pagination tokens under `pagination_token_secret`.
 * @throws TypeError when `secret` is empty (use {@link generateTokenKey} for a random key).
 */
export async function importTokenKey(secret: string): Promise<TokenKey> {
  if (secret === '') throw new TypeError('pagination_token_secret is empty: use generateTokenKey()');
  return keyOf(encoder.encode(secret));
}

/** A random 256-bit key, for servers without a configured secret (tokens die with the process). */
export async function generateTokenKey(): Promise<TokenKey> {
  return keyOf(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * An opaque, signed, versioned token: `t1.<base64url JSON>.<base64url HMAC>`, URL-safe as is.
 * @throws RangeError when the token would exceed {@link MAX_TOKEN_LENGTH} (sort values too large),
 *   since {@link decodeToken} would refuse it.
 */
export async function encodeToken(payload: TokenPayload, key: TokenKey): Promise<string> {
  const content: JsonObject = { a: { ...payload.after }, o: payload.offset };
  if (payload.nonce !== undefined) content.n = payload.nonce;
  const body = encodeBase64Url(encoder.encode(JSON.stringify(content)));
  const token = `${VERSION}.${body}.${encodeBase64Url(signatureOf(key, signedBytes(body, payload.scope)))}`;
  if (token.length > MAX_TOKEN_LENGTH) throw new RangeError('Pagination token too large');
  return token;
}

function readPayload(body: string, scope: string): TokenPayload | null {
  const json = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64Url(body));
  const content: unknown = JSON.parse(json);
  if (!isPlainObject(content)) return null;
  const { a: after, o: offset, n: nonce } = content;
  if (!isPlainObject(after)) return null;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return null;
  if (nonce !== undefined && typeof nonce !== 'string') return null;
  return nonce === undefined ? { after, offset, scope } : { after, offset, nonce, scope };
}

/**
 * Verifies and reads a token minted by {@link encodeToken} for `expectedScope`.
 * @throws HttpError 400 errno 107 `_token has invalid content` for any tampered, truncated, oversized,
 *   foreign (other key or scope) or malformed token; never another error.
 */
export async function decodeToken(
  token: string,
  key: TokenKey,
  expectedScope: string,
): Promise<TokenPayload> {
  const invalid = () => invalidQuery('_token', '_token has invalid content');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid();
  const match = TOKEN_SHAPE.exec(token);
  if (!match) throw invalid();
  const [, body, signature] = match as unknown as [string, string, string];
  let payload: TokenPayload | null = null;
  try {
    if (sameBytes(decodeBase64Url(signature), signatureOf(key, signedBytes(body, expectedScope))))
      payload = readPayload(body, expectedScope);
  } catch {
    payload = null;
  }
  if (payload === null) throw invalid();
  return payload;
}
