/** A utility endpoint of utilities.md, as mounted and documented. */
export interface UtilityEndpoint {
  /** Path under the version prefix. */
  readonly path: string;
  /** OpenAPI operation id (utilities.md §5). */
  readonly operationId: string;
  readonly summary: string;
  /** `true` when the endpoint never needs to know the caller (authentication is skipped). */
  readonly anonymous: boolean;
}

/** The utility endpoints every API has, in mounting order. */
export const UTILITY_ENDPOINTS: readonly UtilityEndpoint[] = [
  {
    path: '/',
    operationId: 'server_info',
    summary: 'Return information about the running instance.',
    anonymous: false,
  },
  {
    path: '/__heartbeat__',
    operationId: '__heartbeat__',
    summary: 'Return the health of the backends.',
    anonymous: true,
  },
  {
    path: '/__lbheartbeat__',
    operationId: '__lbheartbeat__',
    summary: 'Return successful healthy response.',
    anonymous: true,
  },
  {
    path: '/__version__',
    operationId: '__version__',
    summary: 'Return the running instance version.',
    anonymous: true,
  },
  {
    path: '/__api__',
    operationId: 'get_openapi_spec',
    summary: 'Return the OpenAPI description.',
    anonymous: true,
  },
  {
    path: '/contribute.json',
    operationId: 'contribute',
    summary: 'Return open source contributing information.',
    anonymous: true,
  },
];
