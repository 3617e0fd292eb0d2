import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/**
 * Lowercase hex HMAC-SHA256 of `message` under `secret` (both UTF-8). Computed synchronously in
 * JavaScript (@noble/hashes): a few microseconds, where Web Crypto's `importKey` + `sign` cost two
 * thread-pool round trips per call — on every authenticated request. The empty secret is allowed
 * (Kinto's default `userid_hmac_secret`): HMAC pads keys with zeros, as Web Crypto's one-zero-byte
 * workaround did, so the values are unchanged.
 */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return bytesToHex(keyed(secret).clone().update(encoder.encode(message)).digest());
}

type KeyedHmac = ReturnType<typeof hmac.create>;

/** Most keys whose padded state is kept (the secret, and the per-username keys derived from it). */
const MAX_KEYED = 1024;
const keyedStates = new Map<string, KeyedHmac>();

/** An HMAC already fed its key (the inner and outer pads), cloned per message: half the hashing. */
function keyed(secret: string): KeyedHmac {
  let state = keyedStates.get(secret);
  if (state === undefined) {
    state = hmac.create(sha256, encoder.encode(secret));
    if (keyedStates.size >= MAX_KEYED) keyedStates.clear();
    keyedStates.set(secret, state);
  }
  return state;
}

/** `true` when both strings are equal, in a time that depends on their lengths only. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index++) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}
