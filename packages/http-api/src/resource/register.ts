import type { Hono } from 'hono';
import type { ApiEnv } from '../context.ts';
import type { ResourceDefinition } from './definition.ts';

/**
 * Mounts the plural and object endpoints of `resource` on `app` (the `/v1` sub-app): every method
 * of the protocol, 405 for the others, CORS preflight, one transaction per request, events.
 *
 * PLACEHOLDER: being written by the lead; registers nothing yet.
 */
export function registerResource(_app: Hono<ApiEnv>, _resource: ResourceDefinition): void {}
