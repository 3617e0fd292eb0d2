import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './json-logger.ts';

function capture(options: Parameters<typeof createJsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createJsonLogger({
    now: () => 1_700_000_000_123,
    ...options,
    write: (line) => lines.push(line),
  });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line)) };
}

describe('JSON logger', () => {
  it('F-TK-LOG writes one pino-compatible JSON object per line, filtered by level', () => {
    const { logger, parsed } = capture({ level: 'warn', name: 'kinto' });
    logger.info('hidden');
    logger.debug({ a: 1 }, 'hidden too');
    logger.warn({ path: '/v1/' }, 'careful');
    logger.error('bad');
    expect(parsed()).toEqual([
      { level: 40, time: 1_700_000_000_123, name: 'kinto', path: '/v1/', msg: 'careful' },
      { level: 50, time: 1_700_000_000_123, name: 'kinto', msg: 'bad' },
    ]);
    expect(logger.level).toBe('warn');
  });

  it('F-TK-LOG child loggers add their bindings to every line', () => {
    const { logger, parsed } = capture();
    const child = logger.child({ rid: 'r1' }).child({ uid: 'u' });
    child.info({ extra: true }, 'hello');
    logger.info('parent');
    expect(parsed()[0]).toMatchObject({ rid: 'r1', uid: 'u', extra: true, msg: 'hello' });
    expect(parsed()[1]).not.toHaveProperty('rid');
  });

  it('F-TK-LOG the MozLog envelope: Type, Logger, Hostname, EnvVersion, Severity, Pid, Fields', () => {
    const { logger, lines } = capture({ mozlog: { hostname: 'web-1', pid: 42 }, name: 'kinto' });
    logger.child({ rid: 'r2' }).info({ code: 200 }, 'request.summary');
    logger.error('oops');
    expect(lines[0]).toMatch(/^\{"Timestamp":1700000000123000000,/);
    expect(JSON.parse(lines[0]!)).toEqual({
      Timestamp: 1700000000123000000,
      Type: 'request.summary',
      Logger: 'kinto',
      Hostname: 'web-1',
      EnvVersion: '2.0',
      Severity: 6,
      Pid: 42,
      Fields: { rid: 'r2', code: 200 },
    });
    expect(JSON.parse(lines[1]!).Severity).toBe(3);
  });

  it('F-TK-LOG errors keep their stack; circular fields and failing sinks never throw', () => {
    const { logger, parsed } = capture();
    logger.error({ error: new Error('kaput') }, 'failed');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.info({ circular });
    expect(parsed()[0].error).toMatchObject({ type: 'Error', message: 'kaput' });
    expect(parsed()[0].error.stack).toContain('kaput');
    expect(parsed()[1]).toHaveProperty('serializationError');
    const broken = createJsonLogger({
      write: () => {
        throw new Error('disk full');
      },
    });
    expect(() => broken.info('x')).not.toThrow();
  });

  it('F-TK-LOG silent logs nothing', () => {
    const { logger, lines } = capture({ level: 'silent' });
    logger.fatal('nothing');
    expect(lines).toEqual([]);
  });
});
