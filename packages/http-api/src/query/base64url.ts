const ALPHABET = /^[A-Za-z0-9_-]*$/;

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url of `bytes` (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    text += DIGITS[n >> 18]! + DIGITS[(n >> 12) & 63]! + DIGITS[(n >> 6) & 63]! + DIGITS[n & 63]!;
  }
  if (i < bytes.length) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8);
    text += DIGITS[n >> 18]! + DIGITS[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) text += DIGITS[(n >> 6) & 63]!;
  }
  return text;
}

/**
 * Bytes of an unpadded base64url string, in its canonical form only (unused trailing bits zero), so
 * one byte sequence has exactly one accepted spelling.
 * @throws TypeError on characters outside the alphabet, an impossible length or a non-canonical form.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!ALPHABET.test(text) || text.length % 4 === 1) throw new TypeError('Invalid base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  if (encodeBase64Url(bytes) !== text) throw new TypeError('Non-canonical base64url');
  return bytes;
}
