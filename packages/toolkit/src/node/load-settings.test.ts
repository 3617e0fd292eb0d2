import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SettingsError, SettingsFileError } from '../settings/settings-error.ts';
import { loadSettings } from './load-settings.ts';
import { loadSettingsFile } from './load-settings-file.ts';
import { readVersionFile } from './read-version-file.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const kintoIni = join(fixtures, 'kinto.ini');

describe('loadSettingsFile', () => {
  it('F-TK-SET reads [app:main] of a realistic kinto.ini, with %(here)s and [DEFAULT] references', async () => {
    const raw = await loadSettingsFile(kintoIni);
    expect(raw).not.toHaveProperty('use');
    expect(raw).not.toHaveProperty('port');
    expect(raw).not.toHaveProperty('data_dir');
    expect(raw['kinto.includes']).toBe(
      'kinto.plugins.default_bucket\nkinto.plugins.admin\nkinto.plugins.accounts',
    );
    expect(raw['kinto.version_json_path']).toBe(join(resolve(fixtures), 'version.json'));
    expect(raw['kinto.attachment.base_path']).toBe(join(resolve(fixtures), 'data', 'attachments'));
    expect(raw['kinto.userid_hmac_secret']).toBe('b4c96a6a2a1a4e1f9b0f3e54e4f2c1d0%');
    expect(raw['kinto.paginate_by']).toBe('');
    expect(raw['multiauth.policies']).toBe('account');
  });

  it('F-TK-SET a malformed file → error naming the file and line', async () => {
    const path = join(fixtures, 'malformed.ini');
    const error = await loadSettingsFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsFileError);
    expect((error as SettingsFileError).message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: `),
    );
    expect((error as SettingsFileError).line).toBe(3);
  });

  it('F-TK-SET a missing file → error naming the file', async () => {
    const path = join(fixtures, 'nope.ini');
    await expect(loadSettingsFile(path)).rejects.toThrow(`${path}: cannot read settings file`);
  });
});

describe('loadSettings', () => {
  it('F-TK-SET INI values are parsed and typed; unknown plugin settings are kept', async () => {
    const settings = await loadSettings({ iniPath: kintoIni, env: {} });
    expect(settings.batch_max_requests).toBe(50);
    expect(settings.paginate_by).toBeNull();
    expect(settings.readonly).toBe(false);
    expect(settings.experimental_permissions_endpoint).toBe(true);
    expect(settings.includes).toEqual([
      'kinto.plugins.default_bucket',
      'kinto.plugins.admin',
      'kinto.plugins.accounts',
    ]);
    expect(settings.storage_backend).toBe('kinto.core.storage.memory');
    expect(settings.storage_pool_size).toBe(10);
    expect(settings.cache_max_size_bytes).toBe(1_048_576);
    expect(settings.cache_prefix).toBe('kinto-');
    expect(settings.bucket_create_principals).toEqual(['account:admin']);
    expect(settings.account_write_principals).toEqual(['account:admin']);
    expect(settings['multiauth.policies']).toEqual(['account']);
    expect(settings['multiauth.policy.account.use']).toBe('kinto.plugins.accounts.AccountsPolicy');
    expect(settings.event_listeners).toEqual(['redis']);
    expect(settings['event_listeners.redis.resources']).toEqual(['bucket', 'collection']);
    expect(settings['event_listeners.redis.pool_size']).toBe(5);
    expect(settings['event_listeners.redis.url']).toBe('redis://localhost:6379/0');
    expect(settings.http_scheme).toBe('https');
    expect(settings.cors_origins).toEqual(['https://admin.example.com', 'https://*.example.org']);
    expect(settings.backoff).toBeNull();
    expect(settings.retry_after_seconds).toBe(3);
    expect(settings.eos).toBeNull();
    expect(settings.record_cache_expires_seconds).toBe(3600);
    expect(settings.blog_article_record_cache_expires_seconds).toBe(60);
    expect(settings.plural_bucket_post_enabled).toBe(false);
    expect(settings['attachment.extra.max_size']).toBe(10_485_760);
    expect(settings.trailing_slash_redirect_enabled).toBe(true);
  });

  it('F-TK-SET precedence: defaults ← INI ← env ← overrides', async () => {
    const env = { KINTO_BATCH_MAX_REQUESTS: '75', KINTO_PAGINATE_BY: '20', KINTO_READONLY: 'yes' };
    const settings = await loadSettings({
      iniPath: kintoIni,
      env,
      overrides: { 'kinto.paginate_by': 30 },
    });
    expect(settings.batch_max_requests).toBe(75); // env over INI
    expect(settings.paginate_by).toBe(30); // overrides over env
    expect(settings.readonly).toBe(true); // env over default
    expect(settings.retry_after_seconds).toBe(3); // INI over the default
  });

  it('F-TK-SET env reaches settings named only in the INI file, unprefixed and prefixed', async () => {
    const settings = await loadSettings({
      iniPath: kintoIni,
      env: { EVENT_LISTENERS_REDIS_URL: 'redis://other:6379/1', KINTO_ATTACHMENT_EXTRA_MAX_SIZE: '42' },
    });
    expect(settings['event_listeners.redis.url']).toBe('redis://other:6379/1');
    expect(settings['attachment.extra.max_size']).toBe(42);
  });

  it('F-TK-SET env-only settings: named after ids, or listed in envKeys; without INI the defaults are the base', async () => {
    const env = { KINTO_RECORD_CACHE_EXPIRES_SECONDS: '10', KINTO_MY_PLUGIN_LEVEL: '3' };
    const plain = await loadSettings({ env });
    expect(plain.record_cache_expires_seconds).toBe(10);
    expect(plain.my_plugin_level).toBeUndefined();
    const settings = await loadSettings({ env, envKeys: ['my_plugin_level'] });
    expect(settings.my_plugin_level).toBe(3);
    expect(settings.batch_max_requests).toBe(25);
  });

  it('F-TK-SET a bad env value → SettingsError naming the setting', async () => {
    const error = await loadSettings({ env: { KINTO_PAGINATE_BY: 'lots' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).message).toBe(
      'Invalid setting "paginate_by": expected a positive integer or empty, got "lots"',
    );
  });

  it('F-TK-SET a prefix conflict inside the overrides is an error, across sources it is an override', async () => {
    await expect(
      loadSettings({ env: {}, overrides: { paginate_by: 1, 'kinto.paginate_by': 2 } }),
    ).rejects.toThrow(/"paginate_by" and "kinto.paginate_by" are in conflict/);
    const settings = await loadSettings({ iniPath: kintoIni, env: {}, overrides: { batch_max_requests: 5 } });
    expect(settings.batch_max_requests).toBe(5);
  });

  it('F-TK-SET defaults to process.env', async () => {
    process.env.KINTO_ERROR_INFO_LINK = 'https://bugs.example.com/';
    try {
      expect((await loadSettings()).error_info_link).toBe('https://bugs.example.com/');
    } finally {
      delete process.env.KINTO_ERROR_INFO_LINK;
    }
  });
});

describe('readVersionFile', () => {
  it('F-TK-SET returns the parsed version.json', async () => {
    expect(await readVersionFile(join(fixtures, 'version.json'))).toEqual({
      name: 'kinto',
      version: '1.2.3',
      source: 'https://github.com/Kinto/kinto',
      commit: 'abc123',
    });
  });

  it('F-TK-SET returns undefined when the file is missing', async () => {
    expect(await readVersionFile(join(fixtures, 'missing.json'))).toBeUndefined();
  });

  it('F-TK-SET malformed JSON → error naming the file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'toolkit-version-')), 'version.json');
    await writeFile(path, '{ "name": ');
    await expect(readVersionFile(path)).rejects.toThrow(`${path}: version file is not JSON`);
  });
});
