import { describe, expect, it } from 'vitest';
import { envVarName, settingsFromEnv } from './env.ts';
import { parseSettings } from './parse-settings.ts';

describe('settingsFromEnv', () => {
  it('F-TK-SET env names: upper-cased, . and - → _', () => {
    expect(envVarName('kinto.storage_backend')).toBe('KINTO_STORAGE_BACKEND');
    expect(envVarName('multiauth.policy.basic-auth.use')).toBe('MULTIAUTH_POLICY_BASIC_AUTH_USE');
  });

  it('F-TK-SET reads KINTO_<NAME> for names given with or without the prefix', () => {
    const env = { KINTO_STORAGE_BACKEND: '@acme/pg', KINTO_MULTIAUTH_POLICIES: 'account' };
    expect(settingsFromEnv(env, ['storage_backend', 'kinto.multiauth.policies', 'paginate_by'])).toEqual({
      storage_backend: '@acme/pg',
      'multiauth.policies': 'account',
    });
  });

  it('F-TK-SET reads the unprefixed variable too; the prefixed one wins (Kinto read_env order)', () => {
    expect(settingsFromEnv({ PAGINATE_BY: '5' }, ['paginate_by'])).toEqual({ paginate_by: '5' });
    expect(settingsFromEnv({ PAGINATE_BY: '5', KINTO_PAGINATE_BY: '7' }, ['paginate_by'])).toEqual({
      paginate_by: '7',
    });
    expect(settingsFromEnv({ PAGINATE_BY: '5' }, ['paginate_by'], { unprefixed: false })).toEqual({});
  });

  it('F-TK-SET the project name is the variable prefix', () => {
    const env = { MYPROJECT_CACHE_BACKEND: 'memory', KINTO_CACHE_BACKEND: 'other' };
    expect(settingsFromEnv(env, ['myproject.cache_backend'], { project: 'myproject' })).toEqual({
      cache_backend: 'memory',
    });
  });

  it('F-TK-SET empty variables count, unset ones do not; only the given keys are read', () => {
    const env = { KINTO_HTTP_HOST: '', KINTO_EOS: undefined, KINTO_UNLISTED: 'x' };
    expect(settingsFromEnv(env, ['http_host', 'eos'])).toEqual({ http_host: '' });
  });

  it('F-TK-SET env text is converted by parseSettings like file text (JSON arrays, booleans)', () => {
    const env = { KINTO_CORS_ORIGINS: '["https://a.example"]', KINTO_READONLY: 'true', KINTO_BACKOFF: '' };
    const settings = parseSettings(settingsFromEnv(env, ['cors_origins', 'readonly', 'backoff']));
    expect(settings.cors_origins).toEqual(['https://a.example']);
    expect(settings.readonly).toBe(true);
    expect(settings.backoff).toBeNull();
  });

  it('F-TK-SET settings named after ids are read from KINTO_ variables (issue 24 item 3)', () => {
    const env = {
      KINTO_BUCKET_READ_PRINCIPALS: 'system.Authenticated',
      KINTO_BLOG_RECORD_CACHE_EXPIRES_SECONDS: '30',
      KINTO_BLOG_ARTICLES_RECORD_CACHE_EXPIRES_SECONDS: '60',
      KINTO_RECORD_ID_GENERATOR: 'name',
      // Unprefixed, or not a pattern: not settings.
      GROUP_WRITE_PRINCIPALS: 'system.Everyone',
      KINTO_E2E_BACKENDS: 'memory',
    };
    expect(settingsFromEnv(env, ['paginate_by'])).toEqual({
      bucket_read_principals: 'system.Authenticated',
      blog_record_cache_expires_seconds: '30',
      blog_articles_record_cache_expires_seconds: '60',
      record_id_generator: 'name',
    });
    expect(settingsFromEnv(env, [], { patterns: [] })).toEqual({});
    expect(settingsFromEnv({ MYAPP_BUCKET_READ_PRINCIPALS: 'x' }, [], { project: 'myapp' })).toEqual({
      bucket_read_principals: 'x',
    });
  });
});
