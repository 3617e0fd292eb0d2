import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/e2e/helpers.ts';
import { startKintoServer } from './start-server.ts';

interface Reply {
  readonly status: number;
  readonly connection: string | undefined;
}

/** A request on a keep-alive connection (the default agent keeps it), through node:http. */
function send(url: string, method: string, path: string, auth: string, agent: import('node:http').Agent) {
  return new Promise<Reply>((resolve, reject) => {
    const request = httpRequest(
      new URL(path, url),
      { method, agent, headers: { Authorization: auth, 'Content-Type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
        );
      },
    );
    request.on('error', reject);
    request.end(method === 'GET' ? undefined : '{"data": {}}');
  });
}

describe('graceful shutdown', () => {
  it('F-KIN-00 in-flight requests are answered with Connection: close, keep-alive clients leave, nothing is accepted after', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await startKintoServer({
      env: {},
      overrides: {
        http_port: 0,
        bind_host: '127.0.0.1',
        'multiauth.policies': 'basicauth',
        shutdown_timeout_seconds: 5,
      },
      logger: silentLogger(),
      listeners: [
        {
          name: 'slow',
          async handle(event) {
            if (event.type !== 'ResourceChanged' || event.payload.bucket_id !== 'slow') return;
            entered();
            await released;
          },
        },
      ],
    });
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const auth = `Basic ${btoa('u:p')}`;
    const warm = await send(server.url, 'GET', 'buckets', auth, agent);
    expect(warm.connection).toBe('keep-alive');
    const inFlight = send(server.url, 'PUT', 'buckets/slow', auth, agent);
    await inside;
    const closing = server.close();
    release();
    const answered = await inFlight;
    expect(answered.status).toBe(201);
    expect(answered.connection).toBe('close');
    expect(await closing).toBe(true);
    await expect(send(server.url, 'GET', 'buckets', auth, new Agent())).rejects.toThrow();
    agent.destroy();
  });

  it('F-KIN-00 past shutdown_timeout_seconds the connections left are cut and close() says so', async () => {
    const server = await startKintoServer({
      env: {},
      overrides: {
        http_port: 0,
        bind_host: '127.0.0.1',
        'multiauth.policies': 'basicauth',
        shutdown_timeout_seconds: 0.2,
      },
      logger: silentLogger(),
      listeners: [
        {
          name: 'stuck',
          async handle(event) {
            if (event.type === 'ResourceChanged') await new Promise((resolve) => setTimeout(resolve, 5_000));
          },
        },
      ],
    });
    const { Agent } = await import('node:http');
    const stuck = send(server.url, 'PUT', 'buckets/stuck', `Basic ${btoa('u:p')}`, new Agent()).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await server.close()).toBe(false);
    expect(await stuck).toBeInstanceOf(Error);
  });
});
