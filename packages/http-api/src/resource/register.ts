import type { Context, Hono } from 'hono';
import type { ApiEnv } from '../context.ts';
import { methodNotAllowed } from '../errors/http-errors.ts';
import { preflightHandler } from '../middleware/cors.ts';
import { type NormalizedResource, normalizeResource, type ResourceDefinition } from './definition.ts';
import { objectDelete } from './handlers/object-delete.ts';
import { objectGet } from './handlers/object-get.ts';
import { objectPatch } from './handlers/object-patch.ts';
import { objectPut } from './handlers/object-put.ts';
import { pluralDelete } from './handlers/plural-delete.ts';
import { pluralGet } from './handlers/plural-get.ts';
import { pluralPost } from './handlers/plural-post.ts';
import { type ResourceRequest, resourceRequest } from './request.ts';
import { transactional } from './transaction.ts';

type Endpoint = 'plural' | 'object';
type Handler = (request: ResourceRequest) => Promise<Response>;

// Hono routes HEAD requests to GET routes: the GET handlers tell them apart by the request method.
const PLURAL_HANDLERS: Readonly<Record<string, Handler>> = {
  GET: (request) => pluralGet(request, request.c.req.method === 'HEAD' ? 'HEAD' : 'GET'),
  POST: pluralPost,
  DELETE: pluralDelete,
};

const OBJECT_HANDLERS: Readonly<Record<string, Handler>> = {
  // HEAD on an object answers as GET does (status and headers; Hono drops the body), as Kinto does.
  GET: objectGet,
  PUT: objectPut,
  PATCH: objectPatch,
  DELETE: objectDelete,
};

/** `false` when `{endpoint}_{resource}_{method}_enabled` is set to false (the method then answers 405). */
function enabled(c: Context<ApiEnv>, endpoint: Endpoint, resource: string, method: string): boolean {
  return c.get('settings')[`${endpoint}_${resource}_${method.toLowerCase()}_enabled`] !== false;
}

function mount(
  app: Hono<ApiEnv>,
  resource: NormalizedResource,
  endpoint: Endpoint,
  path: string,
  methods: readonly string[],
  handlers: Readonly<Record<string, Handler>>,
): void {
  app.options(path, preflightHandler(methods));
  for (const method of methods) {
    const handler = handlers[method];
    if (!handler) continue;
    app.on(method, path, transactional, (c) => {
      if (!enabled(c, endpoint, resource.name, c.req.method)) throw methodNotAllowed();
      return handler(resourceRequest(c, resource));
    });
  }
  app.all(path, () => Promise.reject(methodNotAllowed()));
}

/**
 * Mounts the plural and object endpoints of `definition` on `app` (the `/v1` sub-app): every
 * method of the protocol, 405 errno 115 for the others, CORS preflight, one transaction per request,
 * events delivered to the configured listeners.
 */
export function registerResource(app: Hono<ApiEnv>, definition: ResourceDefinition): void {
  const resource = normalizeResource(definition);
  mount(app, resource, 'plural', resource.pluralPath, resource.pluralMethods, PLURAL_HANDLERS);
  if (resource.objectPath !== null) {
    mount(app, resource, 'object', resource.objectPath, resource.objectMethods, OBJECT_HANDLERS);
  }
}
