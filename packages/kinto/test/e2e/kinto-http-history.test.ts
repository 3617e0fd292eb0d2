import type { KintoObject } from 'kinto-http/lib/index.js';
import KintoClient from 'kinto-http/lib/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, startServer } from './helpers.ts';

// The history plugin, driven with kinto-http: listHistory and listRecords({ at }) snapshots.

type NoteFields = { title?: string };
type Note = KintoObject & NoteFields;

let server: RunningServer;
let url: string;

beforeAll(async () => {
  server = await startServer({ includes: 'kinto.plugins.accounts kinto.plugins.history' });
  url = server.url;
});

afterAll(async () => {
  await server?.close();
});

describe('kinto-http and the history plugin', () => {
  it('F-KIN-HIS-01 F-KIN-HIS-04 listHistory returns the entries of every change, newest first, filterable', async () => {
    const alice = new KintoClient(url, {
      headers: { Authorization: await createAccount(url, 'alice', 'a') },
    });
    await alice.createBucket('journal');
    const bucket = alice.bucket('journal');
    await bucket.createCollection('notes');
    const notes = bucket.collection('notes');
    const { data: note } = await notes.createRecord<NoteFields>({ title: 'first' });
    await notes.updateRecord<Note>({ ...note, title: 'second' });
    await notes.deleteRecord(note.id);

    const history = await bucket.listHistory<{
      action: string;
      resource_name: string;
      record_id?: string;
      user_id: string;
      uri: string;
    }>();
    expect(history.data.map((entry) => `${entry.resource_name}:${entry.action}`)).toEqual([
      'record:delete',
      'record:update',
      'record:create',
      'collection:create',
      'bucket:create',
    ]);
    expect(history.data[0]).toMatchObject({
      record_id: note.id,
      user_id: 'account:alice',
      uri: `/buckets/journal/collections/notes/records/${note.id}`,
    });
    const updates = await bucket.listHistory({ filters: { action: 'update' } });
    expect(updates.data).toHaveLength(1);
    const bob = new KintoClient(url, { headers: { Authorization: await createAccount(url, 'bob', 'b') } });
    await expect(bob.bucket('journal').listHistory()).rejects.toThrow();
  });

  it('F-KIN-HIS-05 listRecords({ at }) returns the collection as it was at that timestamp', async () => {
    const carol = new KintoClient(url, {
      headers: { Authorization: await createAccount(url, 'carol', 'c') },
    });
    await carol.createBucket('diary');
    await carol.bucket('diary').createCollection('days');
    const days = carol.bucket('diary').collection('days');
    const { data: monday } = await days.createRecord<NoteFields>({ title: 'monday' });
    const { data: tuesday } = await days.createRecord<NoteFields>({ title: 'tuesday' });
    const at = tuesday.last_modified;
    await days.updateRecord<Note>({ ...monday, title: 'monday (edited)' });
    await days.deleteRecord(tuesday.id);
    await days.createRecord<NoteFields>({ title: 'wednesday' });

    const then = await days.listRecords<Note>({ at });
    expect(then.data.map((record) => record.title).sort()).toEqual(['monday', 'tuesday']);
    const now = await days.listRecords<Note>();
    expect(now.data.map((record) => record.title).sort()).toEqual(['monday (edited)', 'wednesday']);
  });
});
