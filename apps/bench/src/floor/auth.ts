/**
 * Basic Auth against an in-memory map of account passwords: the floor's equivalent of this server's
 * verification cache (no bcrypt per request). Returns the principal, or `undefined`.
 */
export function checkBasic(header: string | undefined, passwords: ReadonlyMap<string, string>) {
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const expected = passwords.get(user);
  return expected !== undefined && expected === decoded.slice(colon + 1) ? `account:${user}` : undefined;
}
