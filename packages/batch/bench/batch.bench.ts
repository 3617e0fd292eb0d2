import type { Backends, Transactor } from '@core/contracts';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { bench, describe } from 'vitest';
import { batchPlugin } from '../src/batch-plugin.ts';
import { notes } from '../src/testing.ts';

// 25 creates (the default `batch_max_requests`): 25 requests, or one batch.
const SIZE = 25;
const headers = { 'Content-Type': 'application/json' };
const note = (i: number) => ({ data: { title: `note ${i}`, done: false } });
const batchBody = JSON.stringify({
  defaults: { method: 'POST', path: '/notes' },
  requests: Array.from({ length: SIZE }, (_, i) => ({ body: note(i) })),
});

/** Memory backends whose commits take `ms` (the round trip + fsync of a database commit). */
function withCommitLatency(ms: number): Backends {
  const memory = createMemoryBackends();
  const transaction: Transactor = (fn) =>
    memory.transaction(async (scope) => {
      const result = await fn(scope);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return result;
    });
  return { ...memory, transaction };
}

function check(response: Response, status: number): void {
  if (response.status !== status) throw new Error(`unexpected status ${response.status}`);
}

function suite(name: string, backends: () => Backends): void {
  describe(name, () => {
    const separate = createApi({ backends: backends(), resources: [notes], plugins: [batchPlugin()] });
    const batched = createApi({ backends: backends(), resources: [notes], plugins: [batchPlugin()] });

    bench(`baseline: ${SIZE} separate POST requests`, async () => {
      for (let i = 0; i < SIZE; i++) {
        const response = await separate.request('/v1/notes', {
          method: 'POST',
          headers,
          body: JSON.stringify(note(i)),
        });
        check(response, 201);
        await response.arrayBuffer();
      }
    });

    bench(`candidate: one POST /batch of ${SIZE} creates`, async () => {
      const response = await batched.request('/v1/batch', { method: 'POST', headers, body: batchBody });
      check(response, 200);
      await response.arrayBuffer();
    });
  });
}

suite(`${SIZE} creates, memory backends (CPU only)`, createMemoryBackends);
suite(`${SIZE} creates, memory backends with a 1 ms commit`, () => withCommitLatency(1));
