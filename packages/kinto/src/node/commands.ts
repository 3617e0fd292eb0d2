import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Backends } from '@core/contracts';
import { resolveBackends, type ToolkitSettings } from '@core/toolkit';
import { loadSettings } from '@core/toolkit/node';
import { createUser } from '../plugins/create-user.ts';
import { KINTO_RESOURCES } from '../resources/index.ts';
import { KINTO_DEFAULT_SETTINGS } from '../settings.ts';
import { closeBackends } from './close-backends.ts';
import { importFromApplication } from './importer.ts';
import { iniTemplate } from './ini-template.ts';

/** Where a command writes its progress. */
export type Print = (line: string) => void;

/**
 * Runs `fn` with the backends the settings name, and closes them after, whatever happened. Without
 * the statement deadline, which is for requests: purging a million tombstones may take minutes.
 */
async function withBackends<T>(
  iniPath: string | undefined,
  fn: (backends: Backends, settings: ToolkitSettings) => Promise<T>,
): Promise<T> {
  const settings = await loadSettings({
    defaults: KINTO_DEFAULT_SETTINGS,
    ...(iniPath ? { iniPath } : {}),
    overrides: { storage_statement_timeout_seconds: 0 },
  });
  const backends = await resolveBackends(settings, importFromApplication);
  try {
    return await fn(backends, settings);
  } finally {
    await closeBackends(backends).catch(() => undefined);
  }
}

/** `kinto init`: writes a commented configuration file; refuses to overwrite one. */
export async function initCommand(
  options: { iniPath: string; backend: 'memory' | 'postgresql'; databaseUrl?: string; redisUrl?: string },
  print: Print,
): Promise<void> {
  const exists = await access(options.iniPath).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`${options.iniPath} already exists; remove it or choose another --ini`);
  const text = iniTemplate({
    backend: options.backend,
    secret: randomBytes(32).toString('hex'),
    databaseUrl: options.databaseUrl ?? 'postgresql://postgres@localhost/postgres',
    redisUrl: options.redisUrl ?? 'redis://localhost:6379/0',
  });
  await mkdir(dirname(options.iniPath), { recursive: true });
  await writeFile(options.iniPath, text, { mode: 0o600 });
  print(`Wrote ${options.iniPath} (${options.backend} backend).`);
  const ini = `--ini ${options.iniPath}`;
  if (options.backend === 'postgresql') {
    print(`Next: kinto migrate ${ini}`);
    print(`      kinto create-user ${ini} -u admin   (the administrator of account_write_principals)`);
    print(`      kinto start ${ini}`);
  } else {
    print(
      `Next: kinto start ${ini}   (memory: accounts sign up over HTTP; kinto create-user needs PostgreSQL)`,
    );
  }
}

/**
 * `kinto migrate`: creates or upgrades what each backend needs. Idempotent. With `dryRun`, only
 * checks: prints what each backend reports and rejects when one needs migrating.
 */
export async function migrateCommand(
  options: { iniPath?: string; dryRun?: boolean },
  print: Print,
): Promise<void> {
  const dryRun = options.dryRun ?? false;
  const pending = await withBackends(options.iniPath, async (backends) => {
    let behind = 0;
    for (const [role, backend] of Object.entries(backends) as [
      string,
      { name?: string; initializeSchema?: (o: { dryRun: boolean }) => Promise<void> },
    ][]) {
      if (role === 'transaction' || typeof backend.initializeSchema !== 'function') continue;
      print(`${role} (${backend.name}): ${dryRun ? 'checking' : 'migrating'}...`);
      try {
        await backend.initializeSchema({ dryRun });
      } catch (error) {
        if (!dryRun) throw error;
        behind++;
        print(`${role} (${backend.name}): ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      print(`${role} (${backend.name}): up to date.`);
    }
    return behind;
  });
  if (pending > 0) throw new Error(`${pending} backend(s) not up to date: run \`kinto migrate\``);
}

/** `kinto flush`: deletes everything from every backend. */
export async function flushCommand(options: { iniPath?: string }, print: Print): Promise<void> {
  await withBackends(options.iniPath, async (backends) => {
    await Promise.all([backends.storage.flush(), backends.permission.flush(), backends.cache.flush()]);
  });
  print('Flushed storage, permission and cache.');
}

/** `kinto purge-deleted`: removes tombstones, keeping `maxRetained` per list when given. */
export async function purgeDeletedCommand(
  options: { iniPath?: string; resources: readonly string[]; maxRetained?: number },
  print: Print,
): Promise<void> {
  const names =
    options.resources.length > 0 ? options.resources : KINTO_RESOURCES.map((resource) => resource.name);
  const total = await withBackends(options.iniPath, async (backends) => {
    let removed = 0;
    for (const resource of names) {
      const count = await backends.storage.purgeDeleted(
        { resource, parent: '*' },
        options.maxRetained !== undefined ? { maxRetained: options.maxRetained } : {},
      );
      removed += count;
      print(`${resource}: ${count} tombstone(s) removed.`);
    }
    return removed;
  });
  print(`Done: ${total} tombstone(s) removed.`);
}

/**
 * `kinto create-user`: creates an account with a password, or sets the password of an existing one,
 * straight in the backends — the way to create the administrators the settings name (`account:admin`),
 * which anonymous sign-up refuses. Refuses the memory backend: what it writes would vanish with this
 * process, unseen by the server.
 */
export async function createUserCommand(
  options: { iniPath?: string; username: string; password: string },
  print: Print,
): Promise<void> {
  await withBackends(options.iniPath, async (backends, settings) => {
    if (backends.storage.name === 'memory') {
      throw new Error(
        'create-user needs a persistent storage backend (e.g. kinto init --backend postgresql): the memory backend lives inside the server process',
      );
    }
    const outcome = await createUser(backends, { ...options, settings });
    print(`Account "${options.username}" ${outcome === 'created' ? 'created' : 'updated (new password)'}.`);
  });
}
