export { type BatchPluginOptions, batchPlugin } from './batch-plugin.ts';
export { mergeDefaults } from './merge-defaults.ts';
export { BATCH_METHODS, type BatchMethod, type BatchRequestSpec, parseBatchPayload } from './schema.ts';
export type { BatchSubresponse } from './subresponse.ts';
