/** The commented `kinto.ini` that `kinto init` writes. */
export function iniTemplate(options: {
  backend: 'memory' | 'postgresql';
  secret: string;
  databaseUrl: string;
  redisUrl: string;
}): string {
  const backend =
    options.backend === 'postgresql'
      ? `# Needs: npm install @core/storage-postgres postgres @core/cache-redis ioredis
# Storage and permissions share one PostgreSQL database (one transaction per request).
kinto.storage_backend = @core/storage-postgres
kinto.storage_url = ${options.databaseUrl}
kinto.permission_backend = @core/storage-postgres
kinto.permission_url = ${options.databaseUrl}
kinto.cache_backend = @core/cache-redis
kinto.cache_url = ${options.redisUrl}
# Deadlines in seconds (0: none), past which a request answers 503 with Retry-After: waiting for a
# database connection, one connection attempt, one SQL statement, one lock wait, a whole transaction.
# kinto.storage_pool_timeout = 10
# kinto.storage_connect_timeout_seconds = 2
# kinto.storage_statement_timeout_seconds = 15
# kinto.storage_lock_timeout_seconds = 10
# kinto.storage_transaction_timeout_seconds = 30`
      : `# Everything lives in this process and is lost when it stops.
kinto.storage_backend = @core/storage-memory
kinto.permission_backend = @core/storage-memory
kinto.cache_backend = @core/storage-memory`;
  return `# Kinto configuration, written by \`kinto init\`. Every setting can be overridden by an environment
# variable: KINTO_<NAME> with dots and dashes turned into underscores (e.g. KINTO_HTTP_PORT=9999).

[app:main]
# Where to listen.
kinto.bind_host = 0.0.0.0
kinto.http_port = 8888

# Backends: a package name per backend (it exports create*FromSettings factories).
${backend}

# Plugins.
kinto.includes = kinto.plugins.default_bucket
                 kinto.plugins.accounts
#                kinto.plugins.flush       (POST /v1/__flush__ wipes everything, unauthenticated)
#                kinto.plugins.prometheus  (GET /v1/__metrics__)
#                kinto_attachment          (files attached to records; see below)

# Attachments (with kinto_attachment): where files go and the URL they are read from; a base_url
# under /v1/ makes this server serve them itself.
# kinto.attachment.base_path = ./attachments
# kinto.attachment.base_url = http://localhost:8888/v1/attachments/
# kinto.attachment.folder = {bucket_id}/{collection_id}

# Authentication: accounts first; basicauth accepts any credentials (not for production).
kinto.multiauth.policies = account
# kinto.multiauth.policies = account basicauth

# Who may create accounts and who administers them. An account these settings name (account:admin)
# is never created by an anonymous sign-up: create it with \`kinto create-user -u admin\`.
kinto.account_create_principals = system.Everyone
kinto.account_write_principals = account:admin

# Who may create buckets.
kinto.bucket_create_principals = system.Authenticated

# Secret for user ids and account verification caches: keep it secret, keep it stable.
kinto.userid_hmac_secret = ${options.secret}

# kinto.experimental_collection_schema_validation = true
# kinto.experimental_permissions_endpoint = true
# kinto.logging_level = info
`;
}
