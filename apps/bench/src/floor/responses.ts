/** The headers this server puts on every JSON response (the floor sends the same bytes). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'access-control-expose-headers': 'Alert, Backoff, Retry-After, Content-Length, Content-Type',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none';",
  'x-content-type-options': 'nosniff',
};

/** Headers of a listing: cache control, ETag and Last-Modified of the collection. */
export function listHeaders(timestamp: number): Record<string, string> {
  return {
    ...BASE_HEADERS,
    'access-control-expose-headers':
      'Alert, Backoff, Retry-After, Content-Length, Content-Type, Next-Page, Last-Modified, ETag, Cache-Control, Expires, Pragma',
    'cache-control': 'no-cache, no-store',
    etag: `"${timestamp}"`,
    'last-modified': new Date(timestamp).toUTCString(),
  };
}

/** Kinto's hello for an authenticated account (capabilities as `kinto start` has them by default). */
export function hello(url: string, principal: string) {
  return {
    project_name: 'kinto',
    project_version: '0.0.0',
    http_api_version: '1.23',
    project_docs: 'https://kinto.readthedocs.io/',
    url,
    settings: { batch_max_requests: 25, readonly: false, explicit_permissions: true },
    capabilities: {
      accounts: {
        description: 'Manage user accounts.',
        url: 'https://kinto.readthedocs.io/en/latest/api/1.x/accounts.html',
        validation_enabled: false,
      },
      default_bucket: {
        description:
          'The default bucket is an alias for a personal bucket where collections are created implicitly.',
        url: 'https://kinto.readthedocs.io/en/latest/api/1.x/buckets.html#personal-bucket-default',
      },
    },
    config: null,
    user: {
      id: principal,
      principals: [principal, 'system.Everyone', 'system.Authenticated'],
      bucket: '320816bc-8da6-73b7-ade4-0ea30681953c',
    },
  };
}

/** Kinto's error body. */
export function errorBody(code: number, errno: number, error: string, message: string) {
  return { code, errno, error, message };
}
