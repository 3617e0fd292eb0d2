import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/node/run-cli.ts';
import { type RunningServer, startKintoServer } from '../../src/node/start-server.ts';
import { basic, silentLogger } from './helpers.ts';
import { POSTGRES_URL, productionBackends, productionServersUp, REDIS_URL } from './production.ts';

// `kinto create-user` against the INI of a PostgreSQL + Redis deployment, as an operator creates the
// administrator that `account_write_principals` names (anonymous sign-up refuses that account).

const up = await productionServersUp();
if (!up && process.env.CI === 'true') {
  throw new Error(
    `PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down: create-user e2e cannot run under CI`,
  );
}
if (!up) console.warn('!! PostgreSQL or Redis is down: SKIPPING the create-user e2e tests');

describe.skipIf(!up)('kinto create-user on PostgreSQL + Redis', () => {
  let folder: string;
  let iniPath: string;
  let drop: (() => Promise<void>) | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    const production = await productionBackends();
    drop = production.drop;
    folder = await mkdtemp(join(tmpdir(), 'kinto-create-user-'));
    iniPath = join(folder, 'kinto.ini');
    const lines = Object.entries({
      ...production.settings,
      includes: 'kinto.plugins.accounts kinto.plugins.default_bucket',
      'multiauth.policies': 'account',
      account_create_principals: 'system.Everyone',
      account_write_principals: 'account:admin',
      userid_hmac_secret: 'create-user-test',
      bind_host: '127.0.0.1',
      http_port: 0,
    }).map(([name, value]) => `kinto.${name} = ${value}`);
    await writeFile(iniPath, `[app:main]\n${lines.join('\n')}\n`);
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
    await rm(folder, { recursive: true, force: true });
  });

  it('F-KIN-ACC-03 the operator creates the administrator; nobody can take it anonymously', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(String(line)));
    try {
      expect(await runCli(['create-user', '--ini', iniPath, '-u', 'admin', '-p', 'r00t'])).toBe(0);
      expect(printed).toContain('Account "admin" created.');
    } finally {
      vi.restoreAllMocks();
    }
    server = await startKintoServer({
      iniPath,
      env: {},
      logger: silentLogger(),
      importer: (name) => import(name),
    });
    const hello = await (
      await fetch(server.url, { headers: { Authorization: basic('admin', 'r00t') } })
    ).json();
    expect(hello.user.id).toBe('account:admin');
    const takeover = await fetch(`${server.url}accounts/admin`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { password: 'mine' } }),
    });
    expect(takeover.status).toBe(401);
    const signUp = await fetch(`${server.url}accounts/alice`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { password: 'a' } }),
    });
    expect(signUp.status).toBe(201);
    const listed = await (
      await fetch(`${server.url}accounts`, { headers: { Authorization: basic('admin', 'r00t') } })
    ).json();
    expect(listed.data.map((account: { id: string }) => account.id).sort()).toEqual(['admin', 'alice']);
  });

  it('F-KIN-ACC-04 create-user again changes the password of the running server at once', async () => {
    if (!server) throw new Error('the previous test starts the server');
    const logIn = async (password: string) =>
      (await (await fetch(server!.url, { headers: { Authorization: basic('admin', password) } })).json())
        .user;
    expect((await logIn('r00t'))?.id).toBe('account:admin');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(
        await runCli(['create-user', '--ini', iniPath, '--username', 'admin', '--password', 'n3w']),
      ).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(await logIn('r00t')).toBeUndefined();
    expect((await logIn('n3w'))?.id).toBe('account:admin');
  });
});
