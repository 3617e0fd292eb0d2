import { DEFAULT_SETTINGS } from '@core/http-api';
import { describe, expect, it } from 'vitest';
import { settingKind } from './known-settings.ts';
import { parseSettings } from './parse-settings.ts';
import { SettingsError } from './settings-error.ts';
import { DEFAULT_TOOLKIT_SETTINGS } from './toolkit-settings.ts';

function errorOf(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('parseSettings defaults', () => {
  it('F-TK-SET defaults: http-api defaults plus Kinto toolkit defaults, memory backends', () => {
    const settings = parseSettings({});
    expect(settings).toEqual(DEFAULT_TOOLKIT_SETTINGS);
    expect(settings.paginate_by).toBeNull();
    expect(settings.batch_max_requests).toBe(25);
    expect(settings.storage_backend).toBe('@core/storage-memory');
    expect(settings.permission_backend).toBe('@core/storage-memory');
    expect(settings.cache_backend).toBe('@core/storage-memory');
    expect(settings.cache_max_size_bytes).toBe(524_288);
    expect(settings.storage_pool_size).toBe(25);
    expect(settings.storage_max_overflow).toBe(5);
    expect(settings.permission_pool_recycle).toBe(-1);
    expect(settings.cache_pool_timeout).toBe(30);
    expect(settings.cache_max_backlog).toBe(-1);
    expect(settings.bucket_create_principals).toEqual(['system.Authenticated']);
    expect(settings.permissions_read_principals).toEqual(['system.Everyone']);
    expect(settings.metrics_matchdict_fields).toEqual([
      'bucket_id',
      'collection_id',
      'group_id',
      'record_id',
    ]);
    expect(settings.transaction_per_request).toBe(true);
    expect(settings['multiauth.policies']).toEqual([]);
    expect(settings.includes).toEqual([]);
    expect(settings.userid_hmac_secret).toBe('');
  });

  it('F-TK-SET every default is valid for its own kind, and every http-api setting has a kind', () => {
    for (const name of Object.keys(DEFAULT_SETTINGS)) expect(settingKind(name), name).toBeDefined();
    for (const [name, value] of Object.entries(DEFAULT_TOOLKIT_SETTINGS)) {
      expect(settingKind(name), name).toBeDefined();
      expect(parseSettings({ [name]: value })[name], name).toEqual(value);
    }
  });

  it('F-TK-SET returned settings do not share arrays with the defaults', () => {
    const settings = parseSettings({});
    settings.cors_origins.push('https://evil.example');
    expect(DEFAULT_TOOLKIT_SETTINGS.cors_origins).toEqual(['*']);
    expect(parseSettings({}).cors_origins).toEqual(['*']);
  });
});

describe('parseSettings project prefix', () => {
  it('F-TK-SET accepts names with or without the kinto. prefix', () => {
    expect(parseSettings({ 'kinto.paginate_by': '10' }).paginate_by).toBe(10);
    expect(parseSettings({ paginate_by: '10' }).paginate_by).toBe(10);
    expect(parseSettings({ 'kinto.paginate_by': '10' })).not.toHaveProperty('kinto.paginate_by');
  });

  it('F-TK-SET same setting with and without prefix, different values → error naming both keys', () => {
    const error = errorOf(() => parseSettings({ paginate_by: '10', 'kinto.paginate_by': '20' }));
    expect(error.setting).toBe('paginate_by');
    expect(error.message).toContain('"paginate_by"');
    expect(error.message).toContain('"kinto.paginate_by"');
    expect(error.message).toContain('conflict');
    expect(error.message).not.toContain('20');
  });

  it('F-TK-SET __proto__ is refused as a setting name', () => {
    expect(() => parseSettings(JSON.parse('{"__proto__": "x"}') as Record<string, unknown>)).toThrow(
      SettingsError,
    );
  });

  it('F-TK-SET same value twice (text and number alike, as Kinto compares str()) is accepted', () => {
    expect(parseSettings({ paginate_by: '10', 'kinto.paginate_by': '10' }).paginate_by).toBe(10);
    expect(parseSettings({ 'kinto.paginate_by': 10, paginate_by: '10' }).paginate_by).toBe(10);
  });

  it('F-TK-SET another project name changes the prefix; kinto. is then an ordinary name', () => {
    const settings = parseSettings(
      { 'myproject.readonly': 'true', 'kinto.readonly': 'false' },
      { project: 'myproject' },
    );
    expect(settings.readonly).toBe(true);
    expect(settings['kinto.readonly']).toBe(false);
  });

  it('F-TK-SET dotted names that are not the prefix are kept whole', () => {
    const settings = parseSettings({
      'kinto.multiauth.policies': 'account basicauth',
      'history.auto_trim_threshold': '5',
    });
    expect(settings['multiauth.policies']).toEqual(['account', 'basicauth']);
    expect(settings['history.auto_trim_threshold']).toBe(5);
  });
});

describe('parseSettings conversions', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['On', true],
    ['1', true],
    ['false', false],
    ['No', false],
    ['off', false],
    ['0', false],
    [' false ', false],
    [true, true],
    [0, false],
  ])('F-TK-SET boolean %j → %j', (raw, expected) => {
    expect(parseSettings({ readonly: raw }).readonly).toBe(expected);
  });

  it.each(['maybe', '', '2', 'null'])('F-TK-SET bad boolean %j → error naming the setting', (raw) => {
    const error = errorOf(() => parseSettings({ readonly: raw }));
    expect(error.setting).toBe('readonly');
    expect(error.message).toBe(
      `Invalid setting "readonly": expected a boolean (true/false, yes/no, on/off, 1/0), got ${JSON.stringify(raw)}`,
    );
  });

  it('F-TK-SET integers from text and numbers', () => {
    const settings = parseSettings({
      batch_max_requests: '50',
      storage_max_fetch_size: 200,
      version_prefix_redirect_ttl_seconds: '-1',
      retry_after_seconds: '+30',
      storage_pool_size: '0',
    });
    expect(settings.batch_max_requests).toBe(50);
    expect(settings.storage_max_fetch_size).toBe(200);
    expect(settings.version_prefix_redirect_ttl_seconds).toBe(-1);
    expect(settings.retry_after_seconds).toBe(30);
    expect(settings.storage_pool_size).toBe(0);
  });

  it.each([
    ['batch_max_requests', 'abc', 'a positive integer'],
    ['batch_max_requests', '0', 'a positive integer'],
    ['batch_max_requests', '2.5', 'a positive integer'],
    ['batch_max_requests', '', 'a positive integer'],
    ['batch_max_requests', 1.5, 'a positive integer'],
    ['retry_after_seconds', '-3', 'a non-negative integer'],
    ['storage_pool_recycle', '-2', 'an integer greater than or equal to -1'],
    ['root_cache_expires_seconds', 'soon', 'an integer'],
    ['cache_max_size_bytes', '0', 'a positive integer'],
  ])('F-TK-SET bad integer %s = %j → error naming the setting', (name, raw, expected) => {
    const error = errorOf(() => parseSettings({ [name]: raw }));
    expect(error.setting).toBe(name);
    expect(error.expected).toBe(expected);
    expect(error.message).toBe(`Invalid setting "${name}": expected ${expected}, got ${JSON.stringify(raw)}`);
  });

  it.each([
    ['', null],
    ['None', null],
    ['null', null],
    [null, null],
    ['42', 42],
    [7, 7],
  ])('F-TK-SET nullable number paginate_by %j → %j', (raw, expected) => {
    expect(parseSettings({ paginate_by: raw }).paginate_by).toBe(expected);
  });

  it('F-TK-SET the example message of the brief', () => {
    expect(() => parseSettings({ 'kinto.paginate_by': 'abc' })).toThrow(
      'Invalid setting "paginate_by": expected a positive integer or empty, got "abc"',
    );
  });

  it('F-TK-SET cors_max_age_seconds empty → null (no header); backoff_percentage bounded 0–100', () => {
    expect(parseSettings({ cors_max_age_seconds: '' }).cors_max_age_seconds).toBeNull();
    expect(parseSettings({ cors_max_age_seconds: '60' }).cors_max_age_seconds).toBe(60);
    expect(parseSettings({ backoff: '10', backoff_percentage: '100' })).toMatchObject({
      backoff: 10,
      backoff_percentage: 100,
    });
    const error = errorOf(() => parseSettings({ backoff_percentage: '101' }));
    expect(error.message).toBe(
      'Invalid setting "backoff_percentage": expected an integer from 0 to 100 or empty, got "101"',
    );
    expect(errorOf(() => parseSettings({ backoff: '-1' })).setting).toBe('backoff');
  });

  it.each([
    ['*', ['*']],
    ['https://a.example https://b.example', ['https://a.example', 'https://b.example']],
    ['https://a.example,https://b.example', ['https://a.example', 'https://b.example']],
    [
      'https://a.example, https://b.example\n  *.c.example',
      ['https://a.example', 'https://b.example', '*.c.example'],
    ],
    ['["x", "y"]', ['x', 'y']],
    ['', []],
    [['z'], ['z']],
  ])('F-TK-SET list cors_origins %j → %j', (raw, expected) => {
    expect(parseSettings({ cors_origins: raw }).cors_origins).toEqual(expected);
  });

  it.each([
    ['cors_origins', '[1, 2]'],
    ['cors_origins', '[oops'],
    ['bucket_create_principals', 42],
    ['includes', { a: 1 }],
  ])('F-TK-SET bad list %s = %j → error naming the setting', (name, raw) => {
    const error = errorOf(() => parseSettings({ [name]: raw }));
    expect(error.setting).toBe(name);
    expect(error.message).toContain(`Invalid setting "${name}": expected a space- or comma-separated list`);
  });

  it('F-TK-SET *_principals settings are lists, Kinto-style', () => {
    const settings = parseSettings({
      'kinto.bucket_create_principals': 'account:admin',
      'kinto.account_create_principals': 'system.Everyone',
      'kinto.account_write_principals': 'account:admin, account:root',
      record_read_principals: 'system.Everyone',
    });
    expect(settings.bucket_create_principals).toEqual(['account:admin']);
    expect(settings.account_create_principals).toEqual(['system.Everyone']);
    expect(settings.account_write_principals).toEqual(['account:admin', 'account:root']);
    expect(settings.record_read_principals).toEqual(['system.Everyone']);
  });

  it('F-TK-SET strings stay text (no JSON number conversion), JSON string literals are unwrapped', () => {
    const settings = parseSettings({
      project_version: '1.10',
      http_api_version: '1.20',
      userid_hmac_secret: '"quoted secret"',
      project_name: 'myproject',
    });
    expect(settings.project_version).toBe('1.10');
    expect(settings.http_api_version).toBe('1.20');
    expect(settings.userid_hmac_secret).toBe('quoted secret');
    expect(settings.project_name).toBe('myproject');
  });

  it('F-TK-SET http_api_version must be major.minor', () => {
    expect(errorOf(() => parseSettings({ http_api_version: 'v1' })).message).toBe(
      'Invalid setting "http_api_version": expected a version "major.minor" (e.g. 1.23), got "v1"',
    );
  });

  it('F-TK-SET nullable strings: empty/None/null → null', () => {
    const settings = parseSettings({
      http_host: '',
      http_scheme: 'https',
      eos_message: 'None',
      eos_url: 'null',
    });
    expect(settings.http_host).toBeNull();
    expect(settings.http_scheme).toBe('https');
    expect(settings.eos_message).toBeNull();
    expect(settings.eos_url).toBeNull();
  });

  it('F-TK-SET eos must be a date or empty', () => {
    expect(parseSettings({ eos: '2030-01-31' }).eos).toBe('2030-01-31');
    expect(parseSettings({ eos: '' }).eos).toBeNull();
    const error = errorOf(() => parseSettings({ eos: 'next tuesday' }));
    expect(error.setting).toBe('eos');
    expect(error.message).toContain(
      'expected a date (ISO 8601, e.g. 2030-01-31) or empty, got "next tuesday"',
    );
  });

  it('F-TK-SET heartbeat_timeout_seconds accepts fractions, not zero', () => {
    expect(parseSettings({ heartbeat_timeout_seconds: '2.5' }).heartbeat_timeout_seconds).toBe(2.5);
    expect(errorOf(() => parseSettings({ heartbeat_timeout_seconds: '0' })).expected).toBe(
      'a positive number',
    );
  });

  it('F-TK-SET database deadlines: fractions allowed, 0 for no limit, never negative; storage_pool_timeout defaults to 10 s', () => {
    const defaults = parseSettings({});
    expect(defaults.storage_pool_timeout).toBe(10);
    expect(defaults.permission_pool_timeout).toBe(10);
    expect(defaults.storage_connect_timeout_seconds).toBe(2);
    expect(defaults.storage_statement_timeout_seconds).toBe(15);
    const parsed = parseSettings({
      storage_pool_timeout: '0.5',
      storage_connect_timeout_seconds: '0',
      storage_statement_timeout_seconds: '2.5',
    });
    expect(parsed.storage_pool_timeout).toBe(0.5);
    expect(parsed.storage_connect_timeout_seconds).toBe(0);
    expect(parsed.storage_statement_timeout_seconds).toBe(2.5);
    expect(errorOf(() => parseSettings({ storage_statement_timeout_seconds: '-1' })).expected).toBe(
      'a number, 0 or more',
    );
  });

  it('F-TK-SET project_name and id_generator may not be empty', () => {
    expect(errorOf(() => parseSettings({ project_name: '' })).setting).toBe('project_name');
    expect(errorOf(() => parseSettings({ id_generator: '' })).setting).toBe('id_generator');
  });

  it('F-TK-SET families by name: *_enabled, *_cache_expires_seconds, *_id_generator, listeners, policies', () => {
    const settings = parseSettings({
      'kinto.plural_bucket_post_enabled': 'false',
      object_record_delete_enabled: 'off',
      record_cache_expires_seconds: '3600',
      'blog.article.record_cache_expires_seconds': '0',
      blog_record_cache_expires_seconds: '',
      record_id_generator: 'relaxed-uuid',
      'multiauth.policy.account.use': 'kinto.plugins.accounts.AccountsPolicy',
      'kinto.event_listeners': 'redis',
      'kinto.event_listeners.redis.use': 'kinto_redis.listeners',
      'kinto.event_listeners.redis.actions': 'create delete',
      'kinto.event_listeners.redis.resources': 'bucket collection',
    });
    expect(settings.plural_bucket_post_enabled).toBe(false);
    expect(settings.object_record_delete_enabled).toBe(false);
    expect(settings.record_cache_expires_seconds).toBe(3600);
    expect(settings['blog.article.record_cache_expires_seconds']).toBe(0);
    expect(settings.blog_record_cache_expires_seconds).toBeNull();
    expect(settings.record_id_generator).toBe('relaxed-uuid');
    expect(settings['multiauth.policy.account.use']).toBe('kinto.plugins.accounts.AccountsPolicy');
    expect(settings.event_listeners).toEqual(['redis']);
    expect(settings['event_listeners.redis.use']).toBe('kinto_redis.listeners');
    expect(settings['event_listeners.redis.actions']).toEqual(['create', 'delete']);
    expect(settings['event_listeners.redis.resources']).toEqual(['bucket', 'collection']);
    expect(errorOf(() => parseSettings({ plural_bucket_post_enabled: 'nope' })).setting).toBe(
      'plural_bucket_post_enabled',
    );
    expect(errorOf(() => parseSettings({ 'b.c.record_cache_expires_seconds': 'x' })).setting).toBe(
      'b.c.record_cache_expires_seconds',
    );
  });
});

describe('parseSettings unknown settings', () => {
  it('F-TK-SET unknown settings are kept, unprefixed; text parsing as JSON becomes the value (native_value)', () => {
    const settings = parseSettings({
      'kinto.event_listeners.redis.pool_size': '5',
      'kinto.my_plugin.flag': 'true',
      'kinto.my_plugin.json': '{"a": [1, 2]}',
      'kinto.my_plugin.name': 'plain text',
      'kinto.my_plugin.quoted': '"1.2"',
      my_plugin_object: { nested: true },
    });
    expect(settings['event_listeners.redis.pool_size']).toBe(5);
    expect(settings['my_plugin.flag']).toBe(true);
    expect(settings['my_plugin.json']).toEqual({ a: [1, 2] });
    expect(settings['my_plugin.name']).toBe('plain text');
    expect(settings['my_plugin.quoted']).toBe('1.2');
    expect(settings.my_plugin_object).toEqual({ nested: true });
  });

  it('F-TK-SET undefined values count as absent', () => {
    expect(parseSettings({ paginate_by: undefined, 'kinto.paginate_by': '3' }).paginate_by).toBe(3);
    expect(parseSettings({ readonly: undefined }).readonly).toBe(false);
  });
});
