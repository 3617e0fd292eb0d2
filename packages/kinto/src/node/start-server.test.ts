import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/e2e/helpers.ts';
import { KINTO_VERSION } from '../settings.ts';
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

  it("F-UTL-04 __version__ serves version_json_path, else the package's own version", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kinto-version-'));
    const path = join(folder, 'version.json');
    const start = () =>
      startKintoServer({
        env: {},
        overrides: { http_port: 0, bind_host: '127.0.0.1', version_json_path: path },
        logger: silentLogger(),
      });
    const bare = await start();
    const fallback = await fetch(`${bare.url}__version__`);
    expect(fallback.status).toBe(200);
    expect(await fallback.json()).toEqual({ name: 'kinto', version: KINTO_VERSION });
    await bare.close();
    await writeFile(path, JSON.stringify({ name: 'kinto', version: '1.2.3', commit: 'abc' }));
    const configured = await start();
    expect(await (await fetch(`${configured.url}__version__`)).json()).toEqual({
      name: 'kinto',
      version: '1.2.3',
      commit: 'abc',
    });
    await configured.close();
    await rm(folder, { recursive: true });
  });

  it('F-TK-SET a setting named after ids is read from the environment (KINTO_BUCKET_READ_PRINCIPALS)', async () => {
    const server = await startKintoServer({
      env: { KINTO_BUCKET_READ_PRINCIPALS: 'system.Authenticated' },
      overrides: { http_port: 0, bind_host: '127.0.0.1', 'multiauth.policies': 'account basicauth' },
      logger: silentLogger(),
    });
    const as = (user: string) => ({ Authorization: `Basic ${btoa(`${user}:secret`)}` });
    expect((await fetch(`${server.url}buckets/shared`, { method: 'PUT', headers: as('alice') })).status).toBe(
      201,
    );
    expect((await fetch(`${server.url}buckets/shared`, { headers: as('bob') })).status).toBe(200);
    expect((await fetch(`${server.url}buckets/shared`)).status).toBe(401);
    await server.close();
  });
});
