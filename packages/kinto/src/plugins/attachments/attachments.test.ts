import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createKintoApp } from '../../create-kinto-app.ts';
import { attachmentApp, uploadForm } from './testing.ts';

// No spec IDs cover attachments yet: the tests name issue 13's "Attachments" items.

type Harness = Awaited<ReturnType<typeof attachmentApp>>;
let harness: Harness | undefined;
async function start(settings: Record<string, unknown> = {}): Promise<Harness> {
  harness = await attachmentApp(settings);
  return harness;
}
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const RECORD = '/buckets/fennec/collections/fonts/records/logo';
const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

/** Every file below the storage folder (relative paths), temporary ones included. */
async function files(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('issue 13 attachments: upload (POST .../records/{id}/attachment)', () => {
  it('creates the record with the attachment metadata, stores the bytes, answers 201 + Location', async () => {
    const h = await start();
    const answer = await h.upload(
      RECORD,
      uploadForm('image.jpg', '--fake--', { data: '{"family": "sans"}' }),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Location')).toBe(`http://localhost/v1${RECORD}`);
    expect(answer.headers.get('ETag')).toMatch(/^"\d+"$/);
    const attachment = answer.json;
    expect(attachment).toEqual({
      filename: 'image.jpg',
      hash: sha256('--fake--'),
      mimetype: 'image/jpeg',
      size: 8,
      location: expect.stringMatching(
        /^https:\/\/cdn\.example\.com\/files\/fennec\/fonts\/[0-9a-f-]{36}\.jpg$/,
      ),
    });
    const record = await h.json('GET', RECORD);
    expect(record.json.data).toMatchObject({ id: 'logo', family: 'sans', attachment });
    expect(record.json.permissions.write).toEqual([expect.stringMatching(/^basicauth:/)]);
    expect(await readFile(join(h.folder, h.keyOf(attachment.location)), 'utf8')).toBe('--fake--');
  });

  it('updates an existing record (200), keeping its fields; permissions may be given', async () => {
    const h = await start();
    await h.json('PUT', RECORD, { data: { author: 'frutiger' } });
    const answer = await h.upload(
      RECORD,
      uploadForm(
        'my-report.pdf',
        '--binary--',
        { permissions: '{"read": ["system.Everyone"]}' },
        'application/pdf',
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.location).not.toContain('report');
    const record = await h.json('GET', RECORD);
    expect(record.json.data).toMatchObject({ author: 'frutiger', attachment: { filename: 'my-report.pdf' } });
    expect(record.json.permissions.read).toEqual(['system.Everyone']);
  });

  it('a replaced file is removed once the new one is committed; keep_old_files keeps it', async () => {
    let h = await start();
    const first = (await h.upload(RECORD, uploadForm('a.png', 'one'))).json;
    const second = (await h.upload(RECORD, uploadForm('b.png', 'two'))).json;
    expect(await h.storage.exists(h.keyOf(first.location))).toBe(false);
    expect(await h.storage.exists(h.keyOf(second.location))).toBe(true);
    await h.close();

    h = await start({ 'attachment.keep_old_files': 'true' });
    const kept = (await h.upload(RECORD, uploadForm('a.png', 'one'))).json;
    await h.upload(RECORD, uploadForm('b.png', 'two'));
    expect(await h.storage.exists(h.keyOf(kept.location))).toBe(true);
  });

  it('the gzipped option stores the gzip and describes the upload in `original`', async () => {
    const h = await start({ 'attachment.gzipped': true });
    const answer = await h.upload(RECORD, uploadForm('data.json', '{"a": 1}', {}, 'application/json'));
    expect(answer.json).toMatchObject({
      filename: 'data.json.gz',
      mimetype: 'application/x-gzip',
      location: expect.stringMatching(/\.gz$/),
      original: { filename: 'data.json', hash: sha256('{"a": 1}'), mimetype: 'application/json', size: 8 },
    });
    const stored = await readFile(join(h.folder, h.keyOf(answer.json.location)));
    expect(answer.json.hash).toBe(sha256(stored));
    expect(answer.json.size).toBe(stored.length);
    expect(gunzipSync(stored).toString()).toBe('{"a": 1}');
  });

  it('names: randomize off keeps the secured name (then -1), filename_pattern, mimetypes override', async () => {
    const h = await start({
      'attachment.randomize': false,
      'attachment.filename_pattern': '{rid}-{filename}',
      'attachment.mimetypes': '.txt:text/vnd.graphviz',
    });
    const first = (await h.upload(RECORD, uploadForm('../My Ré port.txt', 'x', {}, 'text/plain'))).json;
    expect(first.location).toBe('https://cdn.example.com/files/fennec/fonts/logo-My_Re_port.txt');
    expect(first.mimetype).toBe('text/vnd.graphviz');
    // The replaced file is still there while the new one is named: the new one takes `-1`.
    const second = (await h.upload(RECORD, uploadForm('../My Ré port.txt', 'z', {}, 'text/plain'))).json;
    expect(second.location).toBe('https://cdn.example.com/files/fennec/fonts/logo-My_Re_port-1.txt');
    expect(await files(h.folder)).toEqual(['fennec/fonts/logo-My_Re_port-1.txt']);
  });

  it('uploads through the default bucket keep the bytes intact', async () => {
    const h = await start();
    const bytes = new Uint8Array([0, 255, 128, 10, 13, 0xc3, 0x28]);
    const answer = await h.upload(
      '/buckets/default/collections/pix/records/r1',
      uploadForm('bin.png', bytes),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Location')).toMatch(
      /\/buckets\/[0-9a-f-]{36}\/collections\/pix\/records\/r1$/,
    );
    expect(answer.json.hash).toBe(sha256(bytes));
    expect(new Uint8Array(await readFile(join(h.folder, h.keyOf(answer.json.location))))).toEqual(bytes);
  });
});

describe('issue 13 attachments: bad input gets Kinto errors, and leaves no file or record', () => {
  it('not multipart, no file field, no filename, forbidden extension, unknown field, invalid JSON', async () => {
    const h = await start({ 'attachment.max_size_bytes': 10 });
    const notMultipart = await h.request('POST', `${RECORD}/attachment`, {
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notMultipart.status).toBe(400);
    expect(await notMultipart.json()).toMatchObject({
      errno: 107,
      error: 'Bad Request',
      message: 'Content-Type should be multipart/form-data',
    });

    const wrongField = new FormData();
    wrongField.append('fichierjoint', new Blob(['x']), 'image.jpg');
    expect((await h.upload(RECORD, wrongField)).json).toMatchObject({
      code: 400,
      errno: 109,
      message: 'Attachment missing.',
    });

    const textField = new FormData();
    textField.append('attachment', 'not a file');
    expect((await h.upload(RECORD, textField)).json).toMatchObject({
      errno: 107,
      message: 'body: Filename is required.',
      details: [{ location: 'body', name: null, description: 'Filename is required.' }],
    });
    expect((await h.upload(RECORD, uploadForm('virus.exe', '--fake--'))).json.message).toBe(
      'body: File extension is not allowed.',
    );
    expect((await h.upload(RECORD, uploadForm('image.jpg', '--exceeds-limit--'))).json.message).toBe(
      'body: File size (17 bytes) exceeds the limit (10 bytes).',
    );
    expect((await h.upload(RECORD, uploadForm('image.jpg', '0123456789'))).status).toBe(201);
    await h.json('DELETE', RECORD);
    expect((await h.upload(RECORD, uploadForm('image.jpg', 'x', { my_field: 'a' }))).json.message).toBe(
      "body: 'my_field' not in ('data', 'permissions')",
    );
    expect(
      (await h.upload(RECORD, uploadForm('image.jpg', 'x', { data: '{>author: 12}' }))).json,
    ).toMatchObject({
      errno: 109,
      message: expect.stringMatching(/^body: data is not valid JSON/),
    });
    const asFile = uploadForm('image.jpg', 'x');
    asFile.append('permissions', new Blob(['{}']), 'permissions');
    expect((await h.upload(RECORD, asFile)).json.message).toBe(
      "body: 'permissions' field should be passed as form data, not files",
    );
    expect(await files(h.folder)).toEqual([]);
    expect((await h.json('GET', RECORD)).status).toBe(404);
  });

  it('with max_size_bytes, a body past it plus body_max_bytes is refused (413) while it streams in', async () => {
    const h = await start({ 'attachment.max_size_bytes': 10, body_max_bytes: 1000 });
    const encoded = new Response(uploadForm('big.jpg', 'x'.repeat(5000)));
    const type = encoded.headers.get('Content-Type') ?? '';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const declared = await h.request('POST', `${RECORD}/attachment`, {
      body: bytes,
      headers: { 'Content-Type': type },
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      errno: 113,
      message: 'Request body is larger than 1010 bytes',
    });
    // Without Content-Length (a stream), counted as it arrives.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 500)
          controller.enqueue(bytes.slice(offset, offset + 500));
        controller.close();
      },
    });
    const streamed = await h.app.app.request(`/v1${RECORD}/attachment`, {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': type, Authorization: `Basic ${btoa('mat:pw')}` },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await files(h.folder)).toEqual([]);
  });

  it('a record write that fails (schema, precondition) removes the stored file and rolls back', async () => {
    const h = await start({ experimental_collection_schema_validation: true });
    await h.json('PUT', '/buckets/fennec/collections/fonts', {
      data: { schema: { type: 'object', properties: { author: { type: 'string' } } } },
    });
    const invalid = await h.upload(RECORD, uploadForm('image.jpg', 'x', { data: '{"author": 12}' }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toContain('author in body: 12 is not of type ');
    const stale = await h.upload(RECORD, uploadForm('image.jpg', 'x'), undefined, { 'If-Match': '"1"' });
    expect(stale.status).toBe(412);
    expect(await files(h.folder)).toEqual([]);
    expect((await h.json('GET', RECORD)).status).toBe(404);
  });

  it('permissions: 401 anonymous, 403 without write; record:create lets one create, not replace', async () => {
    const h = await start();
    expect((await h.upload(RECORD, uploadForm('image.jpg', 'x'), null)).status).toBe(401);
    expect((await h.upload(RECORD, uploadForm('image.jpg', 'x'), 'jean-louis')).status).toBe(403);
    expect(await files(h.folder)).toEqual([]);
    await h.json('PATCH', '/buckets/fennec/collections/fonts', {
      permissions: { 'record:create': ['system.Authenticated'] },
    });
    expect((await h.upload(RECORD, uploadForm('image.jpg', 'x'))).status).toBe(201);
    expect((await h.upload(RECORD, uploadForm('image.jpg', 'y'), 'jean-louis')).status).toBe(403);
    expect((await h.request('DELETE', `${RECORD}/attachment`, { user: 'jean-louis' })).status).toBe(403);
    expect(
      (
        await h.upload(
          '/buckets/fennec/collections/fonts/records/theirs',
          uploadForm('i.jpg', 'z'),
          'jean-louis',
        )
      ).status,
    ).toBe(201);
    expect(
      (await h.upload('/buckets/fennec/collections/missing/records/r', uploadForm('i.jpg', 'z'))).json,
    ).toMatchObject({
      code: 404,
      errno: 111,
      details: { id: 'missing', resource_name: 'collection' },
    });
  });

  it('the attachment metadata cannot be changed by hand (400), only removed or left as is', async () => {
    const h = await start();
    await h.upload(RECORD, uploadForm('image.jpg', 'x', { data: '{"family": "sans"}' }));
    const changed = await h.json('PATCH', RECORD, { data: { attachment: { manual: 'true' } } });
    expect(changed.status).toBe(400);
    expect(changed.json).toMatchObject({ errno: 999, message: 'Attachment metadata cannot be modified.' });
    expect((await h.json('PATCH', RECORD, { data: { family: 'serif' } })).status).toBe(200);
  });
});

describe('issue 13 attachments: removal', () => {
  it('DELETE .../attachment answers 204, removes the file and sets attachment to null', async () => {
    const h = await start();
    const { location } = (await h.upload(RECORD, uploadForm('image.jpg', 'x'))).json;
    const removed = await h.request('DELETE', `${RECORD}/attachment`);
    expect(removed.status).toBe(204);
    expect(await h.storage.exists(h.keyOf(location))).toBe(false);
    expect((await h.json('GET', RECORD)).json.data.attachment).toBeNull();
  });

  it('deleting the record, all records, the collection or the bucket removes their files', async () => {
    const h = await start();
    const put = async (id: string) =>
      (await h.upload(`/buckets/fennec/collections/fonts/records/${id}`, uploadForm('i.jpg', id))).json
        .location;
    const one = await put('one');
    await h.json('DELETE', '/buckets/fennec/collections/fonts/records/one');
    expect(await h.storage.exists(h.keyOf(one))).toBe(false);

    const many = [await put('a'), await put('b')];
    await h.json('DELETE', '/buckets/fennec/collections/fonts/records');
    for (const location of many) expect(await h.storage.exists(h.keyOf(location))).toBe(false);

    const inCollection = await put('c');
    await h.json('DELETE', '/buckets/fennec/collections/fonts');
    expect(await h.storage.exists(h.keyOf(inCollection))).toBe(false);

    await h.json('PUT', '/buckets/fennec/collections/fonts');
    const inBucket = await put('d');
    await h.json('DELETE', '/buckets/fennec');
    expect(await h.storage.exists(h.keyOf(inBucket))).toBe(false);
    expect(await files(h.folder)).toEqual([]);
  });

  it('keep_old_files (global or per collection) keeps files of deleted records', async () => {
    const h = await start({ 'attachment.resources.fennec.fonts.keep_old_files': true });
    const kept = (await h.upload(RECORD, uploadForm('image.jpg', 'x'))).json.location;
    await h.request('DELETE', `${RECORD}/attachment`);
    expect(await h.storage.exists(h.keyOf(kept))).toBe(true);
    const again = (await h.upload(RECORD, uploadForm('image.jpg', 'y'))).json.location;
    await h.json('DELETE', RECORD);
    expect(await h.storage.exists(h.keyOf(again))).toBe(true);
  });
});

describe('issue 13 attachments: settings, capability, heartbeat, serving', () => {
  it('only POST and DELETE (and the CORS preflight) are accepted on .../attachment', async () => {
    const h = await start();
    for (const method of ['GET', 'PUT', 'PATCH']) {
      expect((await h.request(method, `${RECORD}/attachment`)).status).toBe(405);
    }
    const preflight = await h.request('OPTIONS', `${RECORD}/attachment`, {
      user: null,
      headers: { Origin: 'http://localhost:9999', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('hello advertises `attachments` with base_url (extra.base_url wins, slash added)', async () => {
    let h = await start();
    expect((await h.json('GET', '/')).json.capabilities.attachments).toEqual({
      description: 'Add file attachments to records',
      url: 'https://github.com/Kinto/kinto-attachment/',
      version: expect.any(String),
      base_url: 'https://cdn.example.com/files/',
    });
    await h.close();
    h = await start({ 'attachment.extra.base_url': 'https://files.server.com/root' });
    expect((await h.json('GET', '/')).json.capabilities.attachments.base_url).toBe(
      'https://files.server.com/root/',
    );
    const heartbeat = await h.json('GET', '/__heartbeat__');
    expect(heartbeat.json.attachments).toBe(true);
    expect(await files(h.folder)).toEqual([]);
  });

  it('per-resource settings override the global ones; malformed or unknown names stop the start', async () => {
    const h = await start({
      'attachment.max_size_bytes': 4,
      'attachment.resources.fennec.fonts.max_size_bytes': 0,
      'attachment.resources.fennec.randomize': false,
    });
    const big = await h.upload(RECORD, uploadForm('big.jpg', 'more than four'));
    expect(big.status).toBe(201);
    expect(big.json.location).toMatch(/\/big\.jpg$/);
    await h.json('PUT', '/buckets/fennec/collections/other');
    const small = await h.upload(
      '/buckets/fennec/collections/other/records/r',
      uploadForm('big.jpg', 'more'),
    );
    expect(small.status).toBe(201);
    const over = await h.upload(
      '/buckets/fennec/collections/other/records/s',
      uploadForm('big.jpg', 'more!'),
    );
    expect(over.json.message).toBe('body: File size (5 bytes) exceeds the limit (4 bytes).');

    const settings = (extra: Record<string, unknown>) => ({
      includes: 'kinto_attachment',
      'attachment.base_path': h.folder,
      ...extra,
    });
    await expect(
      createKintoApp({
        settings: settings({ 'attachment.resources.fen.nec.fonts.keep_old_files': 'true' }),
        attachmentStorage: h.storage,
      }),
    ).rejects.toThrow('Configuration rule malformed: `attachment.resources.fen.nec.fonts.keep_old_files`');
    await expect(
      createKintoApp({
        settings: settings({ 'attachment.resources.fennec.base_path': 'x' }),
        attachmentStorage: h.storage,
      }),
    ).rejects.toThrow(
      '`base_path` is not a supported setting name. Read `attachment.resources.fennec.base_path`',
    );
    await expect(createKintoApp({ settings: settings({}) })).rejects.toThrow(
      'Attachment backend is not configured',
    );
  });

  it('with base_url under the server, the server serves the files (GET), 404 when absent', async () => {
    const h = await start({ 'attachment.base_url': 'http://localhost/v1/attachments/' });
    const answer = await h.upload(RECORD, uploadForm('font.png', 'PNGDATA', {}, 'image/png'));
    const path = new URL(answer.json.location).pathname;
    expect(path).toMatch(/^\/v1\/attachments\/fennec\/fonts\/[0-9a-f-]{36}\.png$/);
    const served = await h.app.app.request(path);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/png');
    expect(served.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(await served.text()).toBe('PNGDATA');
    expect((await h.app.app.request('/v1/attachments/fennec/fonts/nothing.png')).status).toBe(404);
    expect((await h.app.app.request('/v1/attachments/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });
});
