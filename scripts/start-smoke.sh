#!/usr/bin/env bash
# The README's first command, as a user runs it: `pnpm start` serves Kinto from the built packages,
# answers hello, refuses an anonymous sign-up as the administrator, and stops cleanly on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
port=$((20000 + RANDOM % 20000))
log=$(mktemp)
KINTO_HTTP_PORT=$port setsid npx -y "pnpm@${pnpm_version}" start > "$log" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/v1/" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/v1/" | grep -q '"project_name":"kinto"' || { cat "$log"; exit 1; }
grep -q "Kinto listening on http://" "$log"
status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$port/v1/accounts/admin" \
  -H 'Content-Type: application/json' -d '{"data": {"password": "taken"}}')
test "$status" = 401 || { echo "anonymous PUT /accounts/admin answered $status" >&2; exit 1; }
server=$(pgrep -g "$group" -f "kinto-server/bin/start.mjs" | head -1)
kill -TERM "$server"
for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server" 2>/dev/null; then echo "pnpm start did not stop on SIGTERM" >&2; exit 1; fi
trap - EXIT
echo "start smoke ok: pnpm start served :$port from the build, refused the admin takeover, stopped on SIGTERM"
