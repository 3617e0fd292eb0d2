import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.ts';

describe('the kinto command line', () => {
  let folder: string;
  let previous: string;
  let printed: string[];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kinto-cli-'));
    previous = process.cwd();
    process.chdir(folder);
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(String(line)));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.chdir(previous);
    await rm(folder, { recursive: true, force: true });
  });

  it('F-KIN-00 init writes config/kinto.ini (commented, with a random secret) and refuses to overwrite it', async () => {
    expect(await runCli(['init'])).toBe(0);
    const text = await readFile(join(folder, 'config/kinto.ini'), 'utf8');
    expect(text).toContain('[app:main]');
    expect(text).toMatch(/kinto\.userid_hmac_secret = [0-9a-f]{64}/);
    expect(text).toContain('kinto.storage_backend = @core/storage-memory');
    await expect(runCli(['init'])).rejects.toThrow(/already exists/);
  });

  it('F-KIN-00 migrate reads config/kinto.ini by default and prints its progress; purge-deleted reports counts', async () => {
    await runCli(['init']);
    printed.length = 0;
    expect(await runCli(['migrate'])).toBe(0);
    expect(printed).toEqual(
      expect.arrayContaining(['storage (memory): up to date.', 'permission (memory): up to date.']),
    );
    printed.length = 0;
    expect(await runCli(['purge-deleted', 'record', '--max-retained', '5'])).toBe(0);
    expect(printed.at(-1)).toBe('Done: 0 tombstone(s) removed.');
  });

  it('F-KIN-00 init --backend postgresql names the production packages and the given URLs', async () => {
    await runCli([
      'init',
      '--ini',
      'pg.ini',
      '--backend',
      'postgresql',
      '--database-url',
      'postgres://db/x',
      '--redis-url',
      'redis://r:6379/1',
    ]);
    const text = await readFile(join(folder, 'pg.ini'), 'utf8');
    expect(text).toContain('kinto.storage_backend = @core/storage-postgres');
    expect(text).toContain('kinto.storage_url = postgres://db/x');
    expect(text).toContain('kinto.cache_backend = @core/cache-redis');
    expect(text).toContain('kinto.cache_url = redis://r:6379/1');
  });

  it('F-KIN-00 unknown commands and no command are errors with the usage', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runCli(['frobnicate'])).toBe(1);
    expect(await runCli([])).toBe(1);
  });

  it('F-KIN-ACC-03 create-user needs a username, and refuses the memory backend (the server would never see it)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(String(line)));
    await runCli(['init']);
    expect(await runCli(['create-user', '-p', 'x'])).toBe(1);
    expect(errors.join('\n')).toContain('--username');
    await expect(runCli(['create-user', '-u', 'admin', '-p', 'x'])).rejects.toThrow(
      /persistent storage backend/,
    );
  });
});
