/**
 * Node-only entry of `@core/kinto`: the server and the CLI commands.
 * @module
 */
export {
  createUserCommand,
  flushCommand,
  initCommand,
  migrateCommand,
  type Print,
  purgeDeletedCommand,
} from './node/commands.ts';
export { iniTemplate } from './node/ini-template.ts';
export { createLocalAttachmentStorage } from './node/local-attachment-storage.ts';
export { readPassword } from './node/read-password.ts';
export { runCli } from './node/run-cli.ts';
export { type RunningServer, type StartOptions, startKintoServer } from './node/start-server.ts';
