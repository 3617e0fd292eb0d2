import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { basic } from '../e2e/helpers.ts';
import { type KintoCli, startKintoCli, waitFor } from '../faults/kinto-cli.ts';

// Item 1 of issue 12, the net under the fix: `kinto start` keeps serving after an exception no caller
// could catch, and says so at error level with the stack and a count.

const LISTENER = fileURLToPath(new URL('./throwing-listener.ts', import.meta.url));
let server: KintoCli | undefined;

afterAll(async () => {
  await server?.kill();
});

const put = (path: string) =>
  fetch(`${server?.origin}/v1/${path}`, {
    method: 'PUT',
    headers: { Authorization: basic('alice', 'secret') },
    signal: AbortSignal.timeout(10_000),
  });

describe('kinto start: the process safety net (issue 12, item 1)', () => {
  it('F-KIN-00 F-TK-LOG an uncaught exception is logged with its stack and a count, and the server keeps serving', async () => {
    server = await startKintoCli({
      'multiauth.policies': 'basicauth',
      event_listeners: 'throwing',
      'event_listeners.throwing.use': LISTENER,
    });
    expect((await put('buckets/first')).status).toBe(201);
    expect((await put('buckets/second')).status).toBe(201);
    // Answered after both throws (each scheduled right after its write): the process survived them.
    expect(
      (
        await fetch(`${server.origin}/v1/buckets/first`, {
          headers: { Authorization: basic('alice', 'secret') },
        })
      ).status,
    ).toBe(200);
    expect(server.exited()).toBeUndefined();
    const caughtLines = () =>
      server?.warnings().filter((line) => String(line.msg).includes('process safety net')) ?? [];
    await waitFor('two log lines of the safety net', async () => caughtLines().length >= 2, 10_000);
    const caught = caughtLines();
    expect(caught.map((line) => [line.level, line.caught, line.origin])).toEqual([
      [50, 1, 'uncaughtException'],
      [50, 2, 'uncaughtException'],
    ]);
    expect(String((caught[0]?.err as { stack?: string } | undefined)?.stack)).toMatch(
      /TypeError: Cannot read properties of null[\s\S]*throwing-listener/,
    );
  });
});
