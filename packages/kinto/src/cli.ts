#!/usr/bin/env node
import module from 'node:module';

// Node ≥ 22.1 keeps compiled code on disk: later starts skip most of compiling the server's modules.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./node/run-cli.ts');

runCli(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
