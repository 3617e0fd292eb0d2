// Placeholder until the Kinto server package exists (issue "@core/kinto"): `pnpm start` will then
// serve Kinto on http://localhost:8888/v1/ from here. Kept so the README's first command never changes.
console.log('The Kinto server is not built yet: `pnpm start` will serve it at http://localhost:8888/v1/.');
