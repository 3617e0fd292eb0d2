import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  createUserCommand,
  flushCommand,
  initCommand,
  migrateCommand,
  purgeDeletedCommand,
} from './commands.ts';
import { installProcessSafetyNet } from './process-safety-net.ts';
import { readPassword } from './read-password.ts';
import { startKintoServer } from './start-server.ts';

/** Kinto's default configuration file. */
const DEFAULT_INI = 'config/kinto.ini';

const USAGE = `Usage: kinto <command> [options]

Commands:
  init           write a commented configuration file (--ini, --backend memory|postgresql,
                 --database-url, --redis-url)
  migrate        create or upgrade the backends' schemas (--ini, --dry-run)
  create-user    create an account or set its password (--ini, -u/--username, -p/--password;
                 without -p, asks on the terminal or reads one line from standard input) — how
                 the administrators of account_write_principals (account:admin) are created
  start          serve Kinto (--ini, --port); SIGTERM finishes in-flight requests, then exits;
                 warns at start-up when a backend cannot serve (e.g. run migrate first)
  flush          delete everything from every backend (--ini)
  purge-deleted  remove tombstones (--ini, --max-retained N, resource names...)

Without --ini, commands read config/kinto.ini when it exists (init writes there).
Every setting can also come from an environment variable: KINTO_<SETTING>, e.g. KINTO_HTTP_PORT.`;

/**
 * Runs a `kinto` command; resolves with the exit code, or -1 when the command keeps running (`start`).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ini: { type: 'string' },
      backend: { type: 'string', default: 'memory' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      port: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'max-retained': { type: 'string' },
      username: { type: 'string', short: 'u' },
      password: { type: 'string', short: 'p' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  const print = (line: string) => console.log(line);
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  // As Kinto: commands read `config/kinto.ini` when it exists and no --ini is given; init writes there.
  const iniPath = values.ini ?? (existsSync(DEFAULT_INI) ? DEFAULT_INI : undefined);
  switch (command) {
    case 'init': {
      const backend = values.backend === 'postgresql' ? 'postgresql' : 'memory';
      await initCommand(
        {
          iniPath: values.ini ?? DEFAULT_INI,
          backend,
          ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
          ...(values['redis-url'] ? { redisUrl: values['redis-url'] } : {}),
        },
        print,
      );
      return 0;
    }
    case 'migrate':
      await migrateCommand({ ...(iniPath ? { iniPath } : {}), dryRun: values['dry-run'] }, print);
      return 0;
    case 'create-user': {
      const username = values.username;
      if (!username) {
        console.error('create-user needs --username (-u)');
        return 1;
      }
      const password = values.password ?? (await readPassword());
      await createUserCommand({ ...(iniPath ? { iniPath } : {}), username, password }, print);
      return 0;
    }
    case 'flush':
      await flushCommand({ ...(iniPath ? { iniPath } : {}) }, print);
      return 0;
    case 'purge-deleted': {
      const maxRetained = values['max-retained'] === undefined ? undefined : Number(values['max-retained']);
      await purgeDeletedCommand(
        {
          ...(iniPath ? { iniPath } : {}),
          resources: rest,
          ...(maxRetained !== undefined ? { maxRetained } : {}),
        },
        print,
      );
      return 0;
    }
    case 'start': {
      const running = await startKintoServer({
        ...(iniPath ? { iniPath } : {}),
        ...(values.port ? { overrides: { http_port: values.port } } : {}),
      });
      installProcessSafetyNet(running.logger);
      for (const warning of running.warnings) console.error(`Warning: ${warning}`);
      console.error(`Kinto listening on ${running.url}`);
      const stop = (signal: string) => {
        running.logger.info({ signal }, `${signal}: finishing in-flight requests, then stopping`);
        running.close().then(
          (clean) => {
            if (!clean) running.logger.warn('Shutdown deadline reached: remaining connections were cut');
            process.exit(0);
          },
          (error: unknown) => {
            running.logger.error({ err: error }, 'Shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      return -1;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}
