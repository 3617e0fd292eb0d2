import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/e2e/helpers.ts';
import { startKintoServer } from './start-server.ts';

describe('kinto start with attachments from the environment', () => {
  it('issue 13 attachments: KINTO_INCLUDES + KINTO_ATTACHMENT_BASE_PATH/BASE_URL store and serve files', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kinto-attachments-env-'));
    const server = await startKintoServer({
      env: {
        KINTO_INCLUDES: 'kinto_attachment',
        KINTO_MULTIAUTH_POLICIES: 'basicauth',
        KINTO_ATTACHMENT_BASE_PATH: folder,
        KINTO_ATTACHMENT_BASE_URL: '/v1/attachments/',
        KINTO_ATTACHMENT_EXTENSIONS: 'any',
      },
      overrides: { http_port: 0, bind_host: '127.0.0.1' },
      logger: silentLogger(),
    });
    try {
      const auth = { Authorization: `Basic ${btoa('mat:pw')}` };
      await fetch(`${server.url}buckets/b`, { method: 'PUT', headers: auth });
      await fetch(`${server.url}buckets/b/collections/c`, { method: 'PUT', headers: auth });
      const form = new FormData();
      form.append('attachment', new Blob([new Uint8Array([0, 1, 2, 254, 255])]), 'blob.bin');
      const uploaded = await fetch(`${server.url}buckets/b/collections/c/records/r/attachment`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      expect(uploaded.status).toBe(201);
      const { location, mimetype } = (await uploaded.json()) as { location: string; mimetype: string };
      expect(mimetype).toBe('application/octet-stream');
      expect(location).toMatch(/^\/v1\/attachments\/[0-9a-f-]{36}\.bin$/);
      expect(await readdir(folder)).toEqual([location.split('/').pop()]);
      const served = await fetch(new URL(location, server.url));
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 254, 255]));
    } finally {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
