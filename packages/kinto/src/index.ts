export { createKintoApp, type KintoConfig } from './create-kinto-app.ts';
export { type Accounts, createAccounts, withAccountRules } from './plugins/accounts.ts';
export { type Attachments, createAttachments } from './plugins/attachments/plugin.ts';
export {
  createS3AttachmentStorage,
  type S3StorageOptions,
  s3StorageFromSettings,
} from './plugins/attachments/s3-storage.ts';
export {
  type AttachmentOptions,
  type AttachmentSettings,
  attachmentSettings,
} from './plugins/attachments/settings.ts';
export { countersPlugin } from './plugins/counters.ts';
export { type CreateUserOptions, createUser } from './plugins/create-user.ts';
export { defaultBucketPlugin } from './plugins/default-bucket.ts';
export { personalBucketId } from './plugins/default-bucket-id.ts';
export { flushPlugin } from './plugins/flush.ts';
export { createHistory, type History } from './plugins/history/plugin.ts';
export { historyResource } from './plugins/history/resource.ts';
export { type HistorySettings, historySettings } from './plugins/history/settings.ts';
export { reservedAccountIds } from './plugins/reserved-accounts.ts';
export {
  bucketResource,
  collectionResource,
  groupResource,
  KINTO_RESOURCES,
  recordResource,
} from './resources/index.ts';
export { includedPlugins, KINTO_DEFAULT_SETTINGS, KINTO_VERSION } from './settings.ts';
