#!/usr/bin/env node
// Lists the spec feature IDs (../shared/spec/README.md) and the test files whose test names cite them.
// Usage: node scripts/spec-coverage.mjs [ID prefix...]   e.g. `F-URL F-RES F-UTL`
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const spec = readFileSync(join(root, '../shared/spec/README.md'), 'utf8');
const ids = [...spec.matchAll(/^- (F-[A-Z0-9-]+) (.*)$/gm)].map((m) => ({ id: m[1], title: m[2] }));
const prefixes = process.argv.slice(2);
const wanted = prefixes.length ? ids.filter(({ id }) => prefixes.some((p) => id.startsWith(p))) : ids;

function* testFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (/\.(test|conformance)\.ts$|\/conformance\/src\/.*\.ts$/.test(path)) yield path;
  }
}

const sources = [...testFiles(join(root, 'packages')), ...testFiles(join(root, 'apps'))].map((path) => ({
  path: path.slice(root.length),
  text: readFileSync(path, 'utf8'),
}));
let missing = 0;
for (const { id, title } of wanted) {
  const pattern = new RegExp(`['"\`][^'"\`]*\\b${id}\\b(?![-\\d])`);
  const files = sources.filter((source) => pattern.test(source.text)).map((source) => source.path);
  if (files.length === 0) missing += 1;
  console.log(
    `${files.length ? 'ok  ' : 'MISS'} ${id.padEnd(14)} ${files.length ? files.slice(0, 3).join(', ') : title}`,
  );
}
console.log(`\n${wanted.length - missing}/${wanted.length} feature IDs cited by at least one test`);
