export type { Awaitable, BackendFactories, BackendImporter } from './backend-factories.ts';
export { memoryBackendFactories } from './memory.ts';
export { importPackage, resolveBackends } from './resolve-backends.ts';
