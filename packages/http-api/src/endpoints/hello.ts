import type { JsonObject } from '@core/contracts';
import type { Handler } from 'hono';
import { cacheHeaders } from '../app/cache-headers.ts';
import type { ApiPlugin, Capability } from '../app/options.ts';
import type { ApiEnv } from '../context.ts';
import type { Settings } from '../settings/settings.ts';

/** Settings every hello view shows (utilities.md §1). */
export const PUBLIC_SETTINGS: readonly string[] = ['batch_max_requests', 'readonly', 'explicit_permissions'];

/**
 * `GET /v1/` (utilities.md §1): project metadata, its own URL (honouring `http_scheme` and
 * `http_host`), public settings, capabilities, `eos` when set, `config: null`, and the `user` block
 * when authenticated. Cacheable for `root_cache_expires_seconds` in read-only mode.
 */
export function helloHandler(
  prefix: string,
  capabilities: Readonly<Record<string, Capability>> = {},
  extraPublicSettings: readonly string[] = [],
  userExtensions: readonly NonNullable<ApiPlugin['helloUser']>[] = [],
): Handler<ApiEnv> {
  const shown = [...new Set([...PUBLIC_SETTINGS, ...extraPublicSettings])];
  // The body up to `user`, serialized once per distinct set of the values it shows.
  let cachedInputs: readonly unknown[] = [];
  let cachedText = '';

  function anonymousText(settings: Settings, scheme: string, host: string): string {
    const inputs = [
      settings,
      scheme,
      host,
      settings.project_name,
      settings.project_version,
      settings.http_api_version,
      settings.project_docs,
      settings.eos,
      ...shown.map((name) => settings[name]),
    ];
    if (inputs.length === cachedInputs.length && inputs.every((input, i) => input === cachedInputs[i])) {
      return cachedText;
    }
    const body: JsonObject = {
      project_name: settings.project_name,
      project_version: settings.project_version,
      http_api_version: String(settings.http_api_version),
      project_docs: settings.project_docs,
      url: `${scheme}://${host}${prefix}/`,
    };
    if (settings.eos) body.eos = settings.eos;
    const publicSettings: JsonObject = {};
    for (const name of shown) publicSettings[name] = (settings[name] ?? null) as JsonObject[string];
    body.settings = publicSettings;
    body.capabilities = { ...capabilities } as JsonObject;
    body.config = null;
    cachedInputs = inputs;
    cachedText = JSON.stringify(body);
    return cachedText;
  }

  return async (c) => {
    const settings = c.get('settings');
    let scheme = settings.http_scheme;
    let host = settings.http_host;
    if (!scheme || !host) {
      const url = new URL(c.req.url);
      scheme ||= url.protocol.replace(/:$/, '');
      host ||= url.host;
    }
    let text = anonymousText(settings, scheme, host);
    const caller = c.get('caller');
    if (caller.userId !== null) {
      const user: JsonObject = { id: caller.userId, principals: [...caller.principals] };
      for (const extend of userExtensions) Object.assign(user, await extend(c));
      // As `c.json` would write the body with `user` as its last member.
      text = `${text.slice(0, -1)},"user":${JSON.stringify(user)}}`;
    }

    const headers = settings.readonly ? cacheHeaders(settings.root_cache_expires_seconds) : {};
    return c.body(text, 200, { 'Content-Type': 'application/json', ...headers });
  };
}
