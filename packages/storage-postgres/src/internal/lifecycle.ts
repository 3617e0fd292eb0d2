import type { Sql } from 'postgres';
import { mapDriverError } from './errors.ts';

/** `true` when the server answers a trivial query; never rejects. */
export async function pingServer(sql: Sql): Promise<boolean> {
  try {
    await sql.unsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Ends the client when the backend owns it (a client the user passed in stays open). */
export async function closeClient(sql: Sql, owned: boolean | undefined): Promise<void> {
  if (!owned) return;
  await sql.end({ timeout: 5 }).catch((error: unknown) => {
    throw mapDriverError(error);
  });
}
