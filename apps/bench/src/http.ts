import { AUTHORIZATION } from './collection.ts';

/** One JSON request to a subject, Basic Auth unless `anonymous`; throws on a non-2xx answer. */
export async function call(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  options: { anonymous?: boolean } = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const headers: Record<string, string> = {};
  if (!options.anonymous) headers.authorization = AUTHORIZATION;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(origin + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** The collection's current ETag, unquoted. */
export async function currentEtag(origin: string, recordsPath: string): Promise<string> {
  const { headers } = await call(origin, 'GET', `${recordsPath}?_limit=1`);
  return (headers.get('etag') ?? '').replaceAll('"', '');
}
