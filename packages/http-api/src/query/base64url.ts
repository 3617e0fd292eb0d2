const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url of `bytes` (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
