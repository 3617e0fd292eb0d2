import type { AttachmentStorage, EventListener, Logger } from '@core/contracts';
import type { ApiPlugin } from '@core/http-api';
import { attachmentUpdateGuard, createAttachmentCleanup } from './listeners.ts';
import { mountAttachmentRoutes } from './routes.ts';
import { mountFileServing, servedPath } from './serve.ts';
import { type AttachmentSettings, attachmentSettings } from './settings.ts';

/** kinto-attachment's capability, with its `base_url`. */
const CAPABILITY = {
  description: 'Add file attachments to records',
  url: 'https://github.com/Kinto/kinto-attachment/',
  version: '7.0.0',
} as const;

const HEARTBEAT_KEY = 'heartbeat-test/heartbeat.json';

/** Everything the attachments plugin adds. */
export interface Attachments {
  readonly settings: AttachmentSettings;
  readonly plugin: ApiPlugin;
  /** The cascade of deletions to files, and the guard of `attachment` against manual changes. */
  readonly listeners: readonly EventListener[];
}

/**
 * The attachments plugin (`includes = kinto_attachment`), wire-compatible with Kinto's
 * kinto-attachment: `POST`/`DELETE .../records/{id}/attachment`, the `attachments` capability, an
 * `attachments` heartbeat (writes and removes a file unless `readonly`), the files of deleted
 * records removed, and the files served by the server when `attachment.base_url` points at it.
 */
export function createAttachments(
  raw: Readonly<Record<string, unknown>>,
  storage: AttachmentStorage,
  logger?: Logger,
): Attachments {
  const settings = attachmentSettings(raw);
  const served = servedPath(settings);
  return {
    settings,
    listeners: [createAttachmentCleanup(settings, storage, logger), attachmentUpdateGuard],
    plugin: {
      name: 'attachments',
      capabilities: { attachments: { ...CAPABILITY, base_url: settings.advertisedBaseUrl } },
      heartbeats: {
        async attachments() {
          if (raw.readonly === true) return true;
          try {
            await storage.put(
              HEARTBEAT_KEY,
              new TextEncoder().encode('{"test": "write"}'),
              'application/json',
            );
            await storage.delete(HEARTBEAT_KEY);
            return true;
          } catch (error) {
            logger?.error({ err: error }, 'Attachments heartbeat failed');
            return false;
          }
        },
      },
      routes(v1) {
        mountAttachmentRoutes(v1, settings, storage);
        if (served) mountFileServing(v1, served, settings, storage);
      },
    },
  };
}
