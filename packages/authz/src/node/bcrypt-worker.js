// The bcrypt worker of `createBcryptPool` (./bcrypt-pool.ts). Plain JavaScript, so the same file runs
// from the sources (vitest, tsx) and from `dist/` (copied there by tsdown), without a loader.
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

/**
 * @typedef {{ id: number, op: 'compare', password: string, hash: string }
 *   | { id: number, op: 'hash', password: string, rounds: number }} Task
 * @typedef {{ id: number, ok: true, value: boolean | string } | { id: number, ok: false, error: string }} Reply
 */

if (!parentPort) throw new Error('bcrypt-worker.js runs as a worker thread of createBcryptPool');
const port = parentPort;

port.on('message', (/** @type {Task} */ task) => {
  /** @type {Reply} */
  let reply;
  try {
    if (task.op === 'compare') {
      let value = false;
      try {
        value = bcrypt.compareSync(task.password, task.hash);
      } catch {
        // A malformed hash never matches (as verifyPassword).
      }
      reply = { id: task.id, ok: true, value };
    } else {
      reply = { id: task.id, ok: true, value: bcrypt.hashSync(task.password, task.rounds) };
    }
  } catch (error) {
    reply = { id: task.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
