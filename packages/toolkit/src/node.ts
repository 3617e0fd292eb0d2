/**
 * Node-only entry of `@core/toolkit`: settings from files and environment variables, the socket
 * address of a request.
 * @module
 */
export { type LoadSettingsOptions, loadSettings } from './node/load-settings.ts';
export { type LoadSettingsFileOptions, loadSettingsFile } from './node/load-settings-file.ts';
export { readVersionFile } from './node/read-version-file.ts';
export { socketClientAddress } from './node/socket-client-address.ts';
