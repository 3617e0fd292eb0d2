// One Kinto server in a process of its own, for the hostile suite: a request that blocks the event
// loop (a catastrophic regular expression, a `$ref` explosion) then stalls only this process, so the
// test's client-side deadline still fires and the harness can kill and replace it.
//
// Input: the settings as JSON in the `HOSTILE_SETTINGS` environment variable. Output: one line
// `{"url": "http://127.0.0.1:<port>/v1/"}` on stdout once listening. Logs go nowhere.
import { Worker } from 'node:worker_threads';
import { startKintoServer } from '../../src/node/start-server.ts';
import { silentLogger } from '../e2e/helpers.ts';

const overrides = JSON.parse(process.env.HOSTILE_SETTINGS ?? '{}') as Record<string, unknown>;
const running = await startKintoServer({
  env: {},
  overrides: { http_port: 0, bind_host: '127.0.0.1', ...overrides },
  logger: silentLogger(),
  importer: (name) => import(name),
});
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
// The test process holds the other end of stdin: when it goes away, so does this server.
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
// A stalled event loop never sees stdin close: a watchdog thread kills the process once it is orphaned.
new Worker(
  `const parent = process.ppid;
   setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); }, 1000);`,
  { eval: true },
).unref();
