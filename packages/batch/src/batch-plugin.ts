import {
  type ApiEnv,
  type ApiPlugin,
  methodNotAllowed,
  preflightHandler,
  transactional,
} from '@core/http-api';
import type { Context, Next } from 'hono';
import { type PreparedBatch, prepareBatch } from './prepare-batch.ts';
import { runBatch } from './run-batch.ts';
import { responsesJson } from './subresponse.ts';

/** Options of {@link batchPlugin}. */
export interface BatchPluginOptions {
  /** Largest accepted batch body, in bytes; default: the `body_max_bytes` setting. */
  readonly maxBodyBytes?: number;
}

/**
 * The `POST /batch` endpoint (utilities.md §7): subrequests dispatched in-process, in order, in one
 * transaction, their events merged and delivered once. `OPTIONS` answers CORS preflights; other
 * methods get 405 errno 115. In read-only mode the endpoint itself stays open (its subrequests are
 * checked one by one).
 */
export function batchPlugin(options: BatchPluginOptions = {}): ApiPlugin {
  const maxBytes = options.maxBodyBytes;
  // Validation and authentication run before the transaction opens; the batch waits here meanwhile.
  const prepared = new WeakMap<Request, PreparedBatch>();

  const prepare = async (c: Context<ApiEnv>, next: Next) => {
    prepared.set(c.req.raw, await prepareBatch(c, maxBytes));
    await next();
  };
  const run = async (c: Context<ApiEnv>) => {
    const batch = prepared.get(c.req.raw);
    if (!batch) throw new Error('Batch not prepared');
    const outcome = await runBatch(c, batch);
    if (!outcome.ok) return outcome.response;
    return c.body(responsesJson(outcome.responses), undefined, { 'Content-Type': 'application/json' });
  };

  return {
    name: 'batch',
    readonlyExemptPaths: ['/batch'],
    routes: (v1) => {
      v1.post('/batch', prepare, transactional, run);
      v1.options('/batch', preflightHandler(['POST']));
      v1.all('/batch', () => {
        throw methodNotAllowed();
      });
    },
  };
}
