import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/e2e/helpers.ts';
import { hasDotSegment } from './raw-request-guards.ts';
import { type RunningServer, startKintoServer } from './start-server.ts';

/** Sends `raw` bytes on a fresh connection and resolves with the whole answer. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(raw);
  });
}

function parse(answer: string): { status: number; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: body === '' ? undefined : JSON.parse(body) };
}

describe('hasDotSegment', () => {
  it('F-URL-05 finds "." and ".." segments, plain or percent-encoded, in the path only', () => {
    for (const target of [
      '/v1/a/..',
      '/v1/a/../b',
      '/v1/./a',
      '/v1/a/%2e%2E',
      '/v1/a/.%2e/b',
      '/v1/a/.?x=1',
    ]) {
      expect(hasDotSegment(target), target).toBe(true);
    }
    for (const target of ['/v1/a/b', '/v1/a/..b', '/v1/a/.hidden', '/v1/a?x=/../', '/v1/a/...']) {
      expect(hasDotSegment(target), target).toBe(false);
    }
  });
});

describe('requests refused before the application sees them', () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    server = await startKintoServer({
      env: {},
      overrides: { http_port: 0, bind_host: '127.0.0.1' },
      logger: silentLogger(),
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('F-URL-05 a DELETE whose path ends in /.. is 400, never a redirect to the list', async () => {
    const answer = parse(
      await rawExchange(
        port,
        'DELETE /v1/buckets/b/collections/c/records/r1/.. HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 400, errno: 107, details: [{ location: 'path' }] });
  });

  it('F-RES-02 a body over the limit, declared or chunked, always gets its 413 (the unread body is drained, no reset)', async () => {
    const body = 'x'.repeat(3 * 1024 * 1024);
    for (let attempt = 0; attempt < 5; attempt++) {
      const declared = parse(
        await rawExchange(
          port,
          `POST /v1/buckets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
      expect(declared).toMatchObject({ status: 413, body: { code: 413, errno: 113 } });
    }
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = Array.from({ length: 48 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const chunked = parse(
      await rawExchange(
        port,
        `POST /v1/buckets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`,
      ),
    );
    expect(chunked).toMatchObject({ status: 413, body: { code: 413, errno: 113 } });
  });

  it('F-ERR-01 headers over the parser limit get 431 in Kinto error format, a malformed request line 400', async () => {
    const huge = parse(
      await rawExchange(port, `GET /v1/?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
    );
    expect(huge).toMatchObject({ status: 431, body: { code: 431, errno: 107 } });
    const garbled = parse(await rawExchange(port, 'GARBAGE\r\n\r\n'));
    expect(garbled).toMatchObject({ status: 400, body: { code: 400, errno: 107, error: 'Bad Request' } });
    expect((await fetch(`${server.url}__lbheartbeat__`)).status).toBe(200);
  });
});
