import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { basic, errorBody, errorStatus, rejection, startServer } from './helpers.ts';

// kinto-http's attachment calls against the attachments plugin (issue 13, "Attachments"), set up as
// kinto-http's own integration server is (kinto_attachment, folder {bucket_id}/{collection_id},
// extensions any), with files served by this server under /v1/attachments/ (relative base_url, the
// port being random). On memory, and on PostgreSQL in the kinto-on-postgres project.

type Attached = KintoObject & {
  foo?: string;
  attachment?: { filename: string; hash: string; location: string; mimetype: string; size: number } | null;
};

let server: RunningServer;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kinto-e2e-attachments-'));
  server = await startServer({
    includes: 'kinto.plugins.default_bucket kinto.plugins.accounts kinto_attachment',
    'multiauth.policies': 'account basicauth',
    'attachment.base_path': folder,
    'attachment.base_url': '/v1/attachments/',
    'attachment.folder': '{bucket_id}/{collection_id}',
    'attachment.extensions': 'any',
  });
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

const client = (user = 'alice') =>
  new KintoClient(server.url, { headers: { Authorization: basic(user, 'pw') } });
const fileUrl = (location: string) => new URL(location, server.url).toString();
const dataUrl = (text: string, name?: string) =>
  `data:text/plain;${name ? `name=${name};` : ''}base64,${Buffer.from(text).toString('base64')}`;

function uploadFormOf(name: string, text: string): FormData {
  const form = new FormData();
  form.append('attachment', new Blob([text], { type: 'text/plain' }), name);
  return form;
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('issue 13 attachments with kinto-http (addAttachment, removeAttachment)', () => {
  it('the server advertises the attachments capability (kinto-http checks it before each call)', async () => {
    const info = await client().fetchServerInfo();
    expect(info.capabilities.attachments).toMatchObject({ base_url: '/v1/attachments/' });
  });

  it('addAttachment creates the record with its data, permissions and attachment; the file is served', async () => {
    const alice = client();
    await alice.createBucket('media');
    const coll = alice.bucket('media').collection('docs');
    await alice.bucket('media').createCollection('docs');
    const { data, permissions } = await coll.addAttachment(
      dataUrl('test', 'test.txt'),
      { foo: 'bar' },
      { permissions: { write: ['github:n1k0'] } },
    );
    const record = data as Attached;
    expect(record.foo).toBe('bar');
    expect(permissions.write).toContain('github:n1k0');
    expect(record.attachment).toMatchObject({
      filename: 'test.txt',
      mimetype: 'text/plain',
      size: 4,
      hash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      location: expect.stringMatching(/^\/v1\/attachments\/media\/docs\/[0-9a-f-]{36}\.txt$/),
    });
    const served = await fetch(fileUrl(record.attachment?.location ?? ''));
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('test');
  });

  it('without a name the file is "untitled"; filename and safe options are honoured', async () => {
    const coll = client().bucket('media').collection('docs');
    const untitled = (await coll.addAttachment(dataUrl('blah'))).data as Attached;
    expect(untitled.attachment?.filename).toBe('untitled');
    const named = (await coll.addAttachment(dataUrl('blah'), undefined, { filename: 'MYFILE.DAT' }))
      .data as Attached;
    expect(named.attachment?.filename).toBe('MYFILE.DAT');
    const safe = (await coll.addAttachment(dataUrl('blah'), undefined, { safe: true })).data as Attached;
    expect(safe.attachment?.size).toBe(4);
    // safe + the record's last_modified: a stale one is refused (412) and leaves nothing behind.
    const before = await storedFiles();
    const stale = await rejection(
      coll.addAttachment(dataUrl('new'), { id: safe.id, last_modified: 1 } as never, { safe: true }),
    );
    expect(errorStatus(stale)).toBe(412);
    expect(await storedFiles()).toEqual(before);
  });

  it('removeAttachment sets attachment to null and removes the file; deleting a record removes its file', async () => {
    const coll = client().bucket('media').collection('docs');
    const added = (await coll.addAttachment(dataUrl('test', 'test.txt'))).data as Attached;
    const location = fileUrl(added.attachment?.location ?? '');
    await coll.removeAttachment(added.id);
    expect(((await coll.getRecord(added.id)).data as Attached).attachment).toBeNull();
    expect((await fetch(location)).status).toBe(404);

    const other = (await coll.addAttachment(dataUrl('again', 'again.txt'))).data as Attached;
    await coll.deleteRecord(other.id);
    expect((await fetch(fileUrl(other.attachment?.location ?? ''))).status).toBe(404);
  });

  it('another user may not attach to the record (403, Kinto error body); the default bucket works', async () => {
    const coll = client().bucket('media').collection('docs');
    const { data } = await coll.createRecord({ title: 'mine' });
    const refused = await rejection(
      client('mallory')
        .bucket('media')
        .collection('docs')
        .addAttachment(dataUrl('x', 'x.txt'), { id: data.id }),
    );
    expect(errorStatus(refused)).toBe(403);
    expect(errorBody(refused)).toMatchObject({ errno: 121 });

    const personal = client('bob').bucket('default').collection('pictures');
    const attached = (await personal.addAttachment(dataUrl('pixels', 'p.txt'))).data as Attached;
    expect(attached.attachment?.location).toMatch(/^\/v1\/attachments\/[0-9a-f-]{36}\/pictures\//);
    expect(await (await fetch(fileUrl(attached.attachment?.location ?? ''))).text()).toBe('pixels');
  });

  it('updateRecord may not change the attachment metadata (400), other fields yes', async () => {
    const coll = client().bucket('media').collection('docs');
    const added = (await coll.addAttachment(dataUrl('guarded', 'g.txt'), { foo: 'bar' })).data as Attached;
    const changed = await rejection(
      coll.updateRecord({ ...added, attachment: { ...added.attachment, size: 1 } } as Attached, {
        patch: true,
      }),
    );
    expect(errorStatus(changed)).toBe(400);
    expect(errorBody(changed)).toMatchObject({
      errno: 999,
      message: 'Attachment metadata cannot be modified.',
    });
    const renamed = (await coll.updateRecord({ ...added, foo: 'baz' } as Attached)).data as Attached;
    expect(renamed.foo).toBe('baz');
    expect(renamed.attachment).toEqual(added.attachment);
  });

  it('a slow upload holds no transaction: it outlasts storage_transaction_timeout_seconds', async () => {
    const slow = await startServer({
      includes: 'kinto_attachment',
      'multiauth.policies': 'basicauth',
      'attachment.base_path': folder,
      'attachment.base_url': '/v1/attachments/',
      storage_transaction_timeout_seconds: 0.3,
    });
    try {
      const alice = new KintoClient(slow.url, { headers: { Authorization: basic('alice', 'pw') } });
      await alice.createBucket('slow');
      await alice.bucket('slow').createCollection('c');
      const encoded = new Response(uploadFormOf('slow.txt', 'slowly'));
      const bytes = new Uint8Array(await encoded.arrayBuffer());
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(bytes.slice(0, 10));
          await new Promise((resolve) => setTimeout(resolve, 800));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      });
      const answer = await fetch(`${slow.url}buckets/slow/collections/c/records/r/attachment`, {
        method: 'POST',
        headers: {
          Authorization: basic('alice', 'pw'),
          'Content-Type': encoded.headers.get('Content-Type') ?? '',
        },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(answer.status).toBe(201);
      expect(((await answer.json()) as { size: number }).size).toBe(6);
    } finally {
      await slow.close();
    }
  });

  it('deleting all records, a collection or a bucket removes their files', async () => {
    const alice = client();
    await alice.createBucket('gone');
    await alice.bucket('gone').createCollection('a');
    await alice.bucket('gone').createCollection('b');
    const a = alice.bucket('gone').collection('a');
    const b = alice.bucket('gone').collection('b');
    const locate = async (coll: typeof a, text: string) =>
      fileUrl(
        ((await coll.addAttachment(dataUrl(text, `${text}.txt`))).data as Attached).attachment?.location ??
          '',
      );
    const plural = [await locate(a, 'one'), await locate(a, 'two')];
    await a.deleteRecords();
    for (const location of plural) expect((await fetch(location)).status).toBe(404);
    const inCollection = await locate(a, 'three');
    await alice.bucket('gone').deleteCollection('a');
    expect((await fetch(inCollection)).status).toBe(404);
    const inBucket = await locate(b, 'four');
    expect((await fetch(inBucket)).status).toBe(200);
    await alice.deleteBucket('gone');
    expect((await fetch(inBucket)).status).toBe(404);
  });
});
