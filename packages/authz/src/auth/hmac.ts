const encoder = new TextEncoder();

/** Lowercase hex HMAC-SHA256 of `message` under `secret` (both UTF-8), with Web Crypto. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  // Web Crypto refuses zero-length HMAC keys; HMAC pads keys with zeros to the block size, so a single
  // zero byte is the same key as the empty one (Kinto's default `userid_hmac_secret` is empty).
  const raw = secret === '' ? new Uint8Array(1) : encoder.encode(secret);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const byte of signature) hex += byte.toString(16).padStart(2, '0');
  return hex;
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
