import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/e2e/helpers.ts';
import { startKintoServer } from './start-server.ts';

describe('startKintoServer', () => {
  it('F-KIN-00 close() lets an in-flight request finish, then refuses new connections', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const server = await startKintoServer({
      env: {},
      overrides: { http_port: 0, bind_host: '127.0.0.1', 'multiauth.policies': 'account basicauth' },
      logger: silentLogger(),
      listeners: [
        {
          name: 'slow',
          async handle(event) {
            if (event.type !== 'ResourceChanged') return;
            entered();
            await new Promise((resolve) => setTimeout(resolve, 300));
          },
        },
      ],
    });
    const inFlight = fetch(`${server.url}buckets/slow`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${btoa('u:p')}`, Connection: 'close' },
    });
    await inside;
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect((await response.json()).data.id).toBe('slow');
    await closing;
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}__lbheartbeat__`)).rejects.toThrow();
  });

  it('F-KIN-00 a port already in use is a clear start-up error', async () => {
    const first = await startKintoServer({
      env: {},
      overrides: { http_port: 0, bind_host: '127.0.0.1' },
      logger: silentLogger(),
    });
    const port = new URL(first.url).port;
    await expect(
      startKintoServer({
        env: {},
        overrides: { http_port: port, bind_host: '127.0.0.1' },
        logger: silentLogger(),
      }),
    ).rejects.toThrow(`port ${port} of 127.0.0.1 is already in use`);
    await first.close();
  });
});
