import { serve } from '@hono/node-server';
import { ACCOUNT } from '../collection.ts';
import { createFloorApp } from './app.ts';
import type { FloorStore } from './store.ts';

/** Serves a floor on `FLOOR_PORT` (127.0.0.1), the bench account as its only user. */
export function serveFloor(store: FloorStore, onClose: () => Promise<void> = async () => {}): void {
  const port = Number(process.env.FLOOR_PORT ?? 8890);
  const app = createFloorApp(store, new Map([[ACCOUNT.id, ACCOUNT.password]]));
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  process.once('SIGTERM', () => {
    server.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    onClose().finally(() => process.exit(0));
  });
}
