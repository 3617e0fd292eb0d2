#!/usr/bin/env bash
# Smoke test of the published shape: packs every @core package, installs the tarballs into an empty
# folder with npm, then runs the CLI as a user would: `kinto init`, `kinto migrate`, `kinto start`,
# a request, and a graceful stop on SIGTERM; then again on PostgreSQL + Redis chosen by the INI file.
# Expects `pnpm build` to have run, and PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
database="kinto_smoke_$RANDOM$RANDOM"
trap 'kill "${server:-0}" 2>/dev/null || true; psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

for dir in "$root"/packages/*/; do
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
mkdir "$work/app" && cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund "$work"/tarballs/*.tgz >/dev/null

npx kinto init --ini kinto.ini
npx kinto migrate --ini kinto.ini
port=$((20000 + RANDOM % 20000))
KINTO_HTTP_PORT=$port ./node_modules/.bin/kinto start --ini kinto.ini > server.log 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/v1/__lbheartbeat__" >/dev/null && break; sleep 0.2; done

curl -sf "http://127.0.0.1:$port/v1/" | grep -q '"project_name":"kinto"'
curl -sf -X PUT "http://127.0.0.1:$port/v1/accounts/smoke" -H 'Content-Type: application/json' \
  -d '{"data": {"password": "s3cret"}}' >/dev/null
curl -sf -u smoke:s3cret -X PUT "http://127.0.0.1:$port/v1/buckets/smoke" | grep -q '"id":"smoke"'

kill -TERM "$server"
wait "$server"
echo "pack smoke ok: init, migrate, start on :$port, account + bucket created, clean SIGTERM exit"

# The same, switched to PostgreSQL + Redis by the configuration file alone.
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $database"
npx kinto init --ini pg.ini --backend postgresql \
  --database-url "postgres://postgres@127.0.0.1:5432/$database" --redis-url "redis://127.0.0.1:6379/0"
npx kinto migrate --ini pg.ini
npx kinto migrate --ini pg.ini
# The administrator of account_write_principals, created by the operator (never by a sign-up).
printf 'adm1n-pw\n' | npx kinto create-user --ini pg.ini -u admin
port=$((20000 + RANDOM % 20000))
KINTO_HTTP_PORT=$port ./node_modules/.bin/kinto start --ini pg.ini > server-pg.log 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/v1/__lbheartbeat__" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/v1/__heartbeat__" | grep -q '"storage":true'
curl -sf -X PUT "http://127.0.0.1:$port/v1/accounts/smoke" -H 'Content-Type: application/json' \
  -d '{"data": {"password": "s3cret"}}' >/dev/null
curl -sf -u smoke:s3cret -X PUT "http://127.0.0.1:$port/v1/buckets/smoke" | grep -q '"id":"smoke"'
curl -sf -u admin:adm1n-pw "http://127.0.0.1:$port/v1/accounts" | grep -q '"id":"smoke"'
test "$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$port/v1/accounts/admin" \
  -H 'Content-Type: application/json' -d '{"data": {"password": "taken"}}')" = 401
kill -TERM "$server"
wait "$server"
test "$(psql -tA -h 127.0.0.1 -U postgres -d "$database" -c "SELECT count(*) FROM objects WHERE resource_name = 'bucket'")" = 1
echo "pack smoke ok: the same on PostgreSQL + Redis, selected by the INI file alone (bucket stored in PostgreSQL; admin from create-user)"
