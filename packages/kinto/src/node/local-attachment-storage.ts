import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type AttachmentStorage, isAttachmentKey } from '@core/contracts';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Attachment files in a local folder (`attachment.base_path`), as kinto-attachment's local storage:
 * a key is a path below the folder. A file is written under a temporary name then renamed, so a
 * reader never sees half of it.
 */
export function createLocalAttachmentStorage(basePath: string): AttachmentStorage {
  const root = resolve(basePath);
  const pathOf = (key: string): string => {
    const path = resolve(root, key);
    if (!isAttachmentKey(key) || !path.startsWith(root + sep)) {
      throw new Error(`Invalid attachment location: ${JSON.stringify(key)}`);
    }
    return path;
  };
  return {
    name: 'local',
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${randomUUID()}.part`);
      try {
        await writeFile(temporary, body);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async read(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },
  };
}
