import type { ReadJsonBodyOptions } from '../body/read-json-body.ts';
import type { Settings } from './settings.ts';

const cache = new WeakMap<Settings, ReadJsonBodyOptions>();

/** The body size and shape limits of `settings` (`body_max_*`), built once per settings object. */
export function bodyOptionsOf(settings: Settings): ReadJsonBodyOptions {
  let options = cache.get(settings);
  if (!options) {
    options = {
      maxBytes: settings.body_max_bytes,
      limits: {
        maxDepth: settings.body_max_depth,
        maxObjectKeys: settings.body_max_object_keys,
        maxArrayItems: settings.body_max_array_items,
      },
    };
    cache.set(settings, options);
  }
  return options;
}
