/** A username and password from an `Authorization: Basic` header. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The credentials of `Authorization: Basic base64(user:pass)`, or `null` when the header is absent,
 * not Basic, not base64, not UTF-8, without colon, with an empty username or with a NUL character
 * (no backend can store it in a user id, so such credentials identify nobody). Never throws.
 */
export function parseBasicCredentials(header: string | null): BasicCredentials | null {
  if (header === null) return null;
  const match = /^basic\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) return null;
  const encoded = match[1]!;
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return null;
  let decoded: string;
  try {
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    decoded = decoder.decode(bytes);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0 || decoded.includes('\u0000')) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Reads the Basic credentials of a request's `Authorization` header. */
export function basicCredentialsOf(request: Request): BasicCredentials | null {
  return parseBasicCredentials(request.headers.get('Authorization'));
}
