import type { AuthenticationPolicy } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { shellApp } from '../app/testing.ts';
import { createCapabilityRegistry } from './capabilities.ts';

const userPolicy: AuthenticationPolicy = {
  name: 'basicauth',
  async authenticate(request) {
    return request.headers.get('Authorization') ? { userId: '8a93' } : null;
  },
};

describe('hello view', () => {
  it('F-UTL-01 returns project metadata, its URL, public settings, capabilities and config null', async () => {
    const { call } = shellApp({ settings: { project_name: 'myapp', project_version: '0.0.1' } });
    const response = await call('GET', '/v1/');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      project_name: 'myapp',
      project_version: '0.0.1',
      http_api_version: '1.23',
      project_docs: 'https://kinto.readthedocs.io/',
      url: 'http://localhost/v1/',
      settings: { batch_max_requests: 25, readonly: false, explicit_permissions: true },
      capabilities: {},
      config: null,
    });
    expect(response.text).not.toContain('\\/');
    expect(response.headers.get('Cache-Control')).toBeNull();
  });

  it('F-UTL-01 url honours http_scheme and http_host', async () => {
    const { app } = shellApp({ settings: { http_scheme: 'https', http_host: 'kinto.example.org:8443' } });
    const response = await app.request('http://internal:8888/v1/');
    expect((await response.json()).url).toBe('https://kinto.example.org:8443/v1/');
    const plain = await shellApp().app.request('http://internal:8888/v1/');
    expect((await plain.json()).url).toBe('http://internal:8888/v1/');
  });

  it('F-UTL-01 each request gets the URL it came to, and its own user block, in the order of the members', async () => {
    const { app } = shellApp({ policies: [userPolicy] });
    for (const origin of ['http://one:8888', 'http://two', 'http://one:8888']) {
      const anonymous = await app.request(`${origin}/v1/`);
      const anonymousBody = await anonymous.json();
      expect(anonymousBody.url).toBe(`${origin}/v1/`);
      expect(anonymousBody.user).toBeUndefined();
      const authenticated = await app.request(`${origin}/v1/`, { headers: { Authorization: 'x' } });
      const text = await authenticated.text();
      const body = JSON.parse(text);
      expect(body.user).toEqual({
        id: 'basicauth:8a93',
        principals: ['basicauth:8a93', 'system.Everyone', 'system.Authenticated'],
      });
      expect(text).toBe(JSON.stringify({ ...anonymousBody, user: body.user }));
      expect(authenticated.headers.get('Content-Type')).toBe('application/json');
    }
  });

  it('F-UTL-01 public settings follow the configuration', async () => {
    const { call } = shellApp({
      settings: { batch_max_requests: 7, readonly: true, explicit_permissions: false },
    });
    expect((await call('GET', '/v1/')).json.settings).toEqual({
      batch_max_requests: 7,
      readonly: true,
      explicit_permissions: false,
    });
  });

  it('F-UTL-01 capabilities are listed with their extra fields; duplicates fail at start-up', () => {
    const registry = createCapabilityRegistry();
    registry.register('basicauth', {
      description: 'Very basic authentication sessions. Not for production use.',
      url: 'http://kinto.readthedocs.io/en/stable/api/1.x/authentication.html',
    });
    registry.register('history', {
      description: 'Track changes',
      url: 'https://h',
      excluded_resources: ['x'],
    });
    expect(() => registry.register('history', { description: '', url: '' })).toThrow(/already registered/);
    return shellApp({ capabilities: registry.list() })
      .call('GET', '/v1/')
      .then((response) => {
        expect(response.json.capabilities).toEqual({
          basicauth: {
            description: 'Very basic authentication sessions. Not for production use.',
            url: 'http://kinto.readthedocs.io/en/stable/api/1.x/authentication.html',
          },
          history: { description: 'Track changes', url: 'https://h', excluded_resources: ['x'] },
        });
      });
  });

  it('F-UTL-01 the user block appears only when authenticated', async () => {
    const { call } = shellApp({ policies: [userPolicy] });
    expect((await call('GET', '/v1/')).json).not.toHaveProperty('user');
    const response = await call('GET', '/v1/', { Authorization: 'Basic x' });
    expect(response.json.user).toEqual({
      id: 'basicauth:8a93',
      principals: ['basicauth:8a93', 'system.Everyone', 'system.Authenticated'],
    });
  });

  it('F-UTL-01 F-CACHE read-only hello is cacheable for root_cache_expires_seconds', async () => {
    const { call } = shellApp({ settings: { readonly: true, root_cache_expires_seconds: 120 } });
    const response = await call('GET', '/v1/');
    expect(response.headers.get('Cache-Control')).toBe('max-age=120');
    const expires = Date.parse(response.headers.get('Expires') ?? '');
    expect(Math.abs(expires - (Date.now() + 120_000))).toBeLessThan(2_000);
  });

  it('F-UTL-01 HEAD answers the headers without a body', async () => {
    const response = await shellApp().call('HEAD', '/v1/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });
});
