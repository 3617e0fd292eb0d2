import type { Handler, Hono } from 'hono';
import type { ApiEnv } from '../context.ts';
import { methodNotAllowed } from '../errors/http-errors.ts';
import { preflightHandler } from '../middleware/cors.ts';

/**
 * Mounts a read-only endpoint at `path`: `GET` (and `HEAD`, answered by Hono from `GET`), its CORS
 * preflight, and 405 errno 115 for every other method.
 */
export function mountUtilityRoute(app: Hono<ApiEnv>, path: string, handler: Handler<ApiEnv>): void {
  app.get(path, handler);
  app.options(path, preflightHandler(['GET', 'HEAD']));
  app.all(path, () => {
    throw methodNotAllowed();
  });
}
