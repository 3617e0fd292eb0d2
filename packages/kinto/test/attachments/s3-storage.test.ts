import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKintoApp } from '../../src/create-kinto-app.ts';
import { createS3AttachmentStorage } from '../../src/plugins/attachments/s3-storage.ts';

// The S3 storage of attachments (issue 13, "Attachments": S3-compatible storage over fetch) against a
// real S3-compatible server, s3rver, started here on a free port (its credentials: S3RVER/S3RVER).

const BUCKET = 'kinto-files';
let s3: S3rver;
let directory: string;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kinto-s3rver-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await s3?.close();
  await rm(directory, { recursive: true, force: true });
});

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('issue 13 attachments: S3-compatible storage (aws4fetch) against s3rver', () => {
  it('put / exists / read / delete by key, with the content type stored', async () => {
    const storage = createS3AttachmentStorage({ endpoint, bucket: BUCKET, ...credentials });
    const key = 'fennec/fonts/a b+é.png';
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.read(key)).toBeUndefined();
    await storage.put(key, new Uint8Array([1, 2, 3, 255]), 'image/png');
    expect(await storage.exists(key)).toBe(true);
    expect(await storage.read(key)).toEqual(new Uint8Array([1, 2, 3, 255]));
    // What S3 itself answers: the bytes with their type.
    const client = new AwsClient({ ...credentials, service: 's3', region: 'us-east-1' });
    const direct = await client.fetch(
      `${endpoint}/${BUCKET}/fennec/fonts/${encodeURIComponent('a b+é.png')}`,
    );
    expect(direct.headers.get('Content-Type')).toBe('image/png');
    await direct.arrayBuffer();
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
  });

  it('a wrong secret or a missing bucket fails as a backend error (503), never silently', async () => {
    const wrong = createS3AttachmentStorage({
      endpoint,
      bucket: BUCKET,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'nope',
    });
    await expect(wrong.put('k.txt', new Uint8Array([1]), 'text/plain')).rejects.toMatchObject({
      status: 503,
      errno: 201,
    });
    const missing = createS3AttachmentStorage({ endpoint, bucket: 'no-such-bucket', ...credentials });
    await expect(missing.put('k.txt', new Uint8Array([1]), 'text/plain')).rejects.toMatchObject({
      status: 503,
    });
  });

  it('Kinto configured with attachment.aws.* uploads to the bucket and removes files with their record', async () => {
    const { app } = await createKintoApp({
      settings: {
        includes: 'kinto_attachment',
        'multiauth.policies': 'basicauth',
        'attachment.aws.bucket_name': BUCKET,
        'attachment.aws.access_key': 'S3RVER',
        'attachment.aws.secret_key': 'S3RVER',
        'attachment.aws.endpoint_url': endpoint,
        'attachment.base_url': `${endpoint}/${BUCKET}/`,
        'attachment.folder': '{bucket_id}/{collection_id}',
      },
    });
    const auth = { Authorization: `Basic ${btoa('mat:pw')}` };
    await app.request('/v1/buckets/fennec', { method: 'PUT', headers: auth });
    await app.request('/v1/buckets/fennec/collections/fonts', { method: 'PUT', headers: auth });
    const form = new FormData();
    form.append('attachment', new Blob(['--fake--'], { type: 'image/jpeg' }), 'image.jpg');
    const record = '/v1/buckets/fennec/collections/fonts/records/logo';
    const uploaded = await app.request(`${record}/attachment`, { method: 'POST', headers: auth, body: form });
    expect(uploaded.status).toBe(201);
    const { location } = (await uploaded.json()) as { location: string };
    expect(location).toMatch(new RegExp(`^${endpoint}/${BUCKET}/fennec/fonts/[0-9a-f-]{36}\\.jpg$`));
    const storage = createS3AttachmentStorage({ endpoint, bucket: BUCKET, ...credentials });
    const key = location.slice(`${endpoint}/${BUCKET}/`.length);
    expect(new TextDecoder().decode(await storage.read(key))).toBe('--fake--');
    expect((await (await app.request('/v1/__heartbeat__')).json()).attachments).toBe(true);
    await app.request(record, { method: 'DELETE', headers: auth });
    expect(await storage.exists(key)).toBe(false);
  });
});
