import { runCli } from '@core/kinto/node';

// `pnpm start` at the repository root: Kinto on the memory backend at http://localhost:8888/v1/,
// every setting overridable by environment variable (KINTO_HTTP_PORT=9999 pnpm start).
runCli(['start', ...process.argv.slice(2)]).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
