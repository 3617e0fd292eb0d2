// TEMPORARY: switch to '@core/http-api' once its index exports these.
export { DEFAULT_SETTINGS, type Settings } from '../../../http-api/src/settings/settings.ts';
