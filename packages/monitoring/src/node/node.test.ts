import { createSocket } from 'node:dgram';
import { Writable } from 'node:stream';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { monitoringPlugin } from '../plugin/monitoring-plugin.ts';
import { createMozlogLogger } from './mozlog-logger.ts';
import { createPinoLogger } from './pino-logger.ts';
import { createStatsdMetrics } from './statsd-metrics.ts';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('Node entry', () => {
  it('F-TK-LOG createPinoLogger writes the request summary as JSON lines, with the request id', async () => {
    const out = sink();
    const logger = createPinoLogger({ level: 'info', name: 'kinto', destination: out.stream });
    const app = createApi({ backends: createMemoryBackends(), plugins: [monitoringPlugin()], logger });
    await app.request('/v1/', { headers: { 'X-Request-Id': 'pino-1', 'User-Agent': 'test' } });
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({
      level: 30,
      name: 'kinto',
      msg: 'request.summary',
      rid: 'pino-1',
      agent: 'test',
      path: '/v1/',
      code: 200,
      errno: 0,
    });
    logger.debug('hidden');
    expect(out.text()).not.toContain('hidden');
  });

  it("F-TK-LOG every pino line carries one time key: the summary's ISO time, else the clock", async () => {
    const out = sink();
    const logger = createPinoLogger({ level: 'info', name: 'kinto', destination: out.stream });
    const app = createApi({ backends: createMemoryBackends(), plugins: [monitoringPlugin()], logger });
    await app.request('/v1/');
    logger.info({ port: 1 }, 'listening');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.match(/"time":/g), line).toHaveLength(1);
    const [summary, other] = lines.map((line) => JSON.parse(line));
    expect(summary.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof other.time).toBe('number');
  });

  it('F-TK-LOG createPinoLogger pretty prints through pino-pretty only when asked', async () => {
    const out = sink();
    const logger = createPinoLogger({ pretty: true, name: 'kinto', destination: out.stream });
    logger.info({ code: 200 }, 'request.summary');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.text()).toContain('request.summary');
    expect(() => JSON.parse(out.text())).toThrow();
  });

  it('F-TK-LOG createMozlogLogger fills Hostname and Pid from the process', () => {
    const lines: string[] = [];
    createMozlogLogger({ name: 'kinto', write: (line) => lines.push(line) }).info('event');
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ Logger: 'kinto', Pid: process.pid, Type: 'event', EnvVersion: '2.0' });
    expect(line.Hostname).not.toBe('');
  });

  it('F-TK-MET the StatsD sink sends counters, timers and gauges over UDP, labels in the key', async () => {
    const server = createSocket('udp4');
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', () => resolve()));
    const received = new Promise<string>((resolve) =>
      server.once('message', (message) => resolve(String(message))),
    );
    const metrics = createStatsdMetrics({ url: `udp://127.0.0.1:${server.address().port}`, prefix: 'kinto' });
    metrics.count('request_summary', 1, { method: 'get', endpoint: 'hello', status: '200' });
    metrics.timer('backend.storage.seconds', 0.0125, { method: 'get' });
    metrics.gauge('connections', 3);
    metrics.count('users', 1, { auth: 'account', userid: 'a:b|c' });
    metrics.flush();
    expect((await received).split('\n')).toEqual([
      'kinto.request_summary.method.get.endpoint.hello.status.200:1|c',
      'kinto.backend.storage.seconds.method.get:12.5|ms',
      'kinto.connections:3|g',
      'kinto.users.auth.account.userid.abc:1|c',
    ]);
    await metrics.close();
    server.close();
  });

  it('F-TK-MET the StatsD sink splits packets at maxPacketBytes', () => {
    const packets: string[] = [];
    const metrics = createStatsdMetrics({
      url: 'udp://localhost:8125',
      maxPacketBytes: 20,
      send: (p) => packets.push(p),
    });
    metrics.count('aaaaaaaaaa');
    metrics.count('bbbbbbbbbb');
    metrics.flush();
    expect(packets).toEqual(['aaaaaaaaaa:1|c', 'bbbbbbbbbb:1|c']);
  });
});
