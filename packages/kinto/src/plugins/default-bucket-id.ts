const encoder = new TextEncoder();

/** Hex HMAC-SHA256 of `message` with `secret` (an empty secret hashes like a zero byte, as HMAC pads keys). */
async function hmacHex(secret: string, message: string): Promise<string> {
  const raw = secret === '' ? new Uint8Array(1) : encoder.encode(secret);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The personal bucket id of `userId` (kinto-resources.md §6): the first 32 hex characters of
 * HMAC-SHA256(secret, user id) formatted as a UUID; the secret is `default_bucket_hmac_secret` when
 * set, else `userid_hmac_secret`.
 */
export async function personalBucketId(
  settings: Readonly<Record<string, unknown>>,
  userId: string,
): Promise<string> {
  const own = settings.default_bucket_hmac_secret;
  const secret = typeof own === 'string' ? own : String(settings.userid_hmac_secret ?? '');
  const hex = (await hmacHex(secret, userId)).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
