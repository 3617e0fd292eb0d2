export {
  type ApiOptions,
  type Capability,
  createApi,
  defineResource,
  type ResourceDefinition,
  type Settings,
} from '@core/http-api';
export * from './backends/index.ts';
export { type App, type AppConfig, createApp } from './create-app.ts';
export { type ListenerFactory, resolveListeners } from './listeners/resolve-listeners.ts';
export * from './settings/index.ts';
