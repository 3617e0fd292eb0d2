#!/usr/bin/env bash
# Proves the lint really forbids Node built-ins in the edge-safe packages: drops a probe importing
# `node:fs` into each such package that exists, expects Biome's noNodejsModules error, removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
edge_safe=(contracts storage-memory http-api authz batch toolkit monitoring)
status=0
for pkg in "${edge_safe[@]}"; do
  [ -d "packages/$pkg/src" ] || continue
  probe="packages/$pkg/src/__edge_probe__.ts"
  printf "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n" > "$probe"
  output=$(npx biome lint "$probe" 2>&1 || true)
  if grep -q 'lint/correctness/noNodejsModules' <<<"$output"; then
    echo "edge lint ok: @core/$pkg rejects node:* imports"
  else
    echo "edge lint BROKEN: @core/$pkg accepts node:* imports" >&2
    status=1
  fi
  rm -f "$probe"
done
exit $status
