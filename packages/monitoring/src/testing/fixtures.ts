import type { AuthenticationPolicy, Logger } from '@core/contracts';
import { type ApiPlugin, defineResource, type ParentRequest, transactional } from '@core/http-api';
import { createJsonLogger } from '../logger/json-logger.ts';
import type { LevelSetting } from '../logger/levels.ts';

/** A schemaless resource at `/mushrooms` and `/mushrooms/:id`. */
export const mushrooms = defineResource({
  name: 'mushroom',
  pluralPath: '/mushrooms',
  objectPath: '/mushrooms/:id',
});

/** A nested resource: `/notebooks/:notebook_id/notes/:id`. */
export const notes = defineResource({
  name: 'note',
  pluralPath: '/notebooks/:notebook_id/notes',
  objectPath: '/notebooks/:notebook_id/notes/:id',
});

/** `Authorization: Bearer <user>` identifies `<user>`. */
export const bearer: AuthenticationPolicy = {
  name: 'bearer',
  async authenticate(request) {
    const match = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '');
    return match?.[1] ? { userId: match[1] } : null;
  },
  challenge: () => 'Bearer',
};

/** A minimal batch endpoint (`POST /v1/batch`) dispatching its requests as subrequests. */
export const batchPlugin: ApiPlugin = {
  name: 'test-batch',
  routes: (v1) =>
    v1.post('/batch', transactional, async (c) => {
      const body = (await c.req.json()) as { requests: { method?: string; path: string; body?: unknown }[] };
      const parent: ParentRequest = {
        requestId: c.get('requestId'),
        caller: c.get('caller'),
        transaction: c.get('transaction')!,
        events: c.get('events')!,
      };
      const responses = [];
      for (const request of body.requests) {
        const init: RequestInit = { method: request.method ?? 'GET' };
        if (request.body !== undefined) {
          init.body = JSON.stringify(request.body);
          init.headers = { 'Content-Type': 'application/json' };
        }
        const response = await c.get('dispatch')(
          new Request(`http://localhost/v1${request.path}`, init),
          parent,
        );
        responses.push({ status: response.status, path: request.path });
      }
      return c.json({ responses });
    }),
};

/** A JSON logger writing its lines to `lines`. */
export function capturingLogger(level: LevelSetting = 'info'): {
  logger: Logger;
  lines: string[];
  parsed(): Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = createJsonLogger({
    level,
    name: 'kinto',
    write: (line) => lines.push(line),
    now: () => 1_700_000_000_000,
  });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** A clock advancing by `step` ms at each reading (durations are multiples of it). */
export function steppingClock(step: number): () => number {
  let now = 0;
  return () => {
    now += step;
    return now;
  };
}
