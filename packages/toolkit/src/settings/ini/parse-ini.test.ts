import { describe, expect, it } from 'vitest';
import { SettingsFileError } from '../settings-error.ts';
import { settingsFromIni } from './ini-settings.ts';
import { parseIni } from './parse-ini.ts';

function fileError(fn: () => unknown): SettingsFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SettingsFileError) return error;
    throw error;
  }
  throw new Error('expected a SettingsFileError');
}

describe('parseIni', () => {
  it('F-TK-SET sections, = and : separators (first one wins), case kept, values trimmed', () => {
    const document = parseIni(
      ['[app:main]', 'Kinto.Name = x', 'account_write_principals = account:admin', 'key: a = b  ', ''].join(
        '\n',
      ),
      'a.ini',
    );
    const section = document.get('app:main');
    expect(section?.get('Kinto.Name')).toEqual({ value: 'x', line: 2 });
    expect(section?.get('account_write_principals')?.value).toBe('account:admin');
    expect(section?.get('key')?.value).toBe('a = b');
  });

  it('F-TK-SET comments are full lines only; # after a value belongs to it (configparser)', () => {
    const document = parseIni('# top\n[s]\n; semi\n  # indented\nk = v # not a comment\n', 'a.ini');
    expect(document.get('s')?.get('k')?.value).toBe('v # not a comment');
    expect(document.get('s')?.size).toBe(1);
  });

  it('F-TK-SET indented lines continue a value, skipping comment lines; CRLF accepted', () => {
    const text = '[s]\r\nincludes = a\r\n    b\r\n#   c\r\n    d\r\nnext = 1\r\nempty =\r\n  x\r\n';
    const section = parseIni(text, 'a.ini').get('s');
    expect(section?.get('includes')?.value).toBe('a\nb\nd');
    expect(section?.get('next')?.value).toBe('1');
    expect(section?.get('empty')?.value).toBe('x');
  });

  it.each([
    ['k = v\n', 1, 'setting outside any [section]'],
    ['[s]\njust words\n', 2, 'expected "key = value"'],
    ['[s]\n= nokey\n', 2, 'expected "key = value"'],
    ['[s\nk = v\n', 1, 'malformed section header'],
    ['[s]\n[s]\n', 2, 'section [s] appears twice'],
    ['[s]\nk = 1\n\nk = 2\n', 4, '"k" is already set on line 2'],
  ])('F-TK-SET malformed %j → error naming file and line %i', (text, line, reason) => {
    const error = fileError(() => parseIni(text, 'conf/kinto.ini'));
    expect(error.file).toBe('conf/kinto.ini');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^conf/kinto\\.ini:${line}: `));
    expect(error.message).toContain(reason);
  });
});

describe('settingsFromIni', () => {
  it('F-TK-SET reads [app:main], drops PasteDeploy use =, ignores other sections', () => {
    const text = '[server:main]\nport = %(http_port)s\n[app:main]\nuse = egg:kinto\nkinto.readonly = true\n';
    expect(settingsFromIni(text)).toEqual({ 'kinto.readonly': 'true' });
  });

  it('F-TK-SET %(here)s, %(__file__)s, [DEFAULT] and same-section references; %% is a literal %', () => {
    const text = [
      '[DEFAULT]',
      'root = %(here)s/data',
      '[app:main]',
      'kinto.version_json_path = %(here)s/version.json',
      'kinto.storage_url = sqlite://%(root)s/db',
      'kinto.cache_prefix = %(prefix)s-',
      'prefix = app',
      'origin = %(__file__)s',
      'kinto.userid_hmac_secret = 100%%',
    ].join('\n');
    const settings = settingsFromIni(text, {
      variables: { here: '/etc/kinto', __file__: '/etc/kinto/kinto.ini' },
    });
    expect(settings['kinto.version_json_path']).toBe('/etc/kinto/version.json');
    expect(settings['kinto.storage_url']).toBe('sqlite:///etc/kinto/data/db');
    expect(settings['kinto.cache_prefix']).toBe('app-');
    expect(settings.origin).toBe('/etc/kinto/kinto.ini');
    expect(settings['kinto.userid_hmac_secret']).toBe('100%');
    expect(settings).not.toHaveProperty('root');
  });

  it.each([
    ['[app:main]\na = x\nb = %(missing)s\n', 3, '%(missing)s refers to nothing defined'],
    ['[app:main]\na = 50% off\n', 2, "'%' must be followed by '%' or '(name)s'"],
    ['[app:main]\na = %(b)s\nb = %(a)s\n', 2, 'interpolation deeper than'],
  ])('F-TK-SET bad interpolation %j → error with line', (text, line, reason) => {
    const error = fileError(() => settingsFromIni(text, { source: 'x.ini' }));
    expect(error.line).toBe(line);
    expect(error.message).toContain(reason);
  });

  it('F-TK-SET a missing [app:main] section is an error naming the file', () => {
    const error = fileError(() => settingsFromIni('[server:main]\nport = 8888\n', { source: 'x.ini' }));
    expect(error.message).toBe('x.ini: no [app:main] section');
    expect(settingsFromIni('[kinto]\na = 1\n', { section: 'kinto' })).toEqual({ a: '1' });
  });
});
