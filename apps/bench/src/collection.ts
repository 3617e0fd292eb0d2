/** The account, bucket and collection every subject serves; Basic Auth on every request. */
export const ACCOUNT = { id: 'bench', password: 'bench-s3cret-password' } as const;
export const BUCKET = 'bench';
export const COLLECTION = 'tasks';
export const PRINCIPAL = `account:${ACCOUNT.id}`;
/** The records' parent, as the storage scopes it. */
export const RECORDS_PARENT = `/buckets/${BUCKET}/collections/${COLLECTION}`;
/** The records' URL path. */
export const RECORDS_PATH = `/v1${RECORDS_PARENT}/records`;
export const AUTHORIZATION = `Basic ${Buffer.from(`${ACCOUNT.id}:${ACCOUNT.password}`).toString('base64')}`;
