import type { Settings } from '../settings/settings.ts';

function decodedName(pair: string): string {
  const name = pair.split('=', 1)[0] as string;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).trim();
  } catch {
    return name;
  }
}

/**
 * The `Next-Page` URL (http-api.md §9.2): the request's route and every original query parameter,
 * byte for byte, with `_limit` and `_token` replaced; scheme and host forced by `http_scheme` and
 * `http_host` when set.
 */
export function nextPageUrl(
  requestUrl: string,
  params: { limit: number; token: string },
  settings: Pick<Settings, 'http_scheme' | 'http_host'>,
): string {
  const url = new URL(requestUrl);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !['_limit', '_token'].includes(decodedName(pair)));
  kept.push(`_limit=${params.limit}`, `_token=${encodeURIComponent(params.token)}`);
  const scheme = settings.http_scheme ? settings.http_scheme.replace(/:$/, '') : url.protocol.slice(0, -1);
  const host = settings.http_host || url.host;
  return `${scheme}://${host}${url.pathname}?${kept.join('&')}`;
}
