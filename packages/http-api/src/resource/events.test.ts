import type { CoreEvent, EventListener } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { testApp } from './testing.ts';

function recorder(options: Partial<EventListener> = {}) {
  const events: CoreEvent[] = [];
  const listener: EventListener = {
    name: 'recorder',
    handle: (event) => void events.push(event),
    ...options,
  };
  return { events, listener };
}

describe('events and transactions', () => {
  it('F-TK-EVT-01 a create emits ResourceChanged then AfterResourceChanged with the spec payload', async () => {
    const { events, listener } = recorder();
    const { call } = testApp({ listeners: [listener] });
    const created = await call('POST', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-cccccccccccc/spores', {
      body: { data: { n: 1 } },
      user: 'alice',
    });
    expect(events.map((event) => event.type)).toEqual(['ResourceChanged', 'AfterResourceChanged']);
    const [changed] = events;
    expect(changed).toMatchObject({
      payload: {
        action: 'create',
        resource_name: 'spore',
        mushroom_id: '6e3a3f5e-8b7d-4a39-9d44-cccccccccccc',
        uri: '/mushrooms/6e3a3f5e-8b7d-4a39-9d44-cccccccccccc/spores',
        user_id: 'test:alice',
        timestamp: created.json.data.last_modified,
      },
      impacted_objects: [{ new: created.json.data }],
    });
  });

  it('F-TK-EVT-01 update and delete carry old and new; object endpoints add <resource>_id', async () => {
    const { events, listener } = recorder();
    const { call } = testApp({ listeners: [listener] });
    const path = '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-dddddddddddd';
    const created = (await call('PUT', path, { body: { data: { n: 1 } } })).json.data;
    const updated = (await call('PUT', path, { body: { data: { n: 2 } } })).json.data;
    const tombstone = (await call('DELETE', path)).json.data;
    const changed = events.filter((event) => event.type === 'ResourceChanged');
    expect(changed.map((event) => 'payload' in event && event.payload.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
    expect(changed[1]).toMatchObject({
      payload: { mushroom_id: '6e3a3f5e-8b7d-4a39-9d44-dddddddddddd' },
      impacted_objects: [{ new: updated, old: created }],
    });
    expect(changed[2]).toMatchObject({ impacted_objects: [{ new: tombstone, old: updated }] });
  });

  it('F-TK-EVT-02 listeners filter by action and resource', async () => {
    const only = recorder({ actions: ['delete'], resources: ['spore'] });
    const { call } = testApp({ listeners: [only.listener] });
    const a = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    await call('DELETE', `/v1/mushrooms/${a.id}`);
    expect(only.events).toEqual([]);
  });

  it('F-TK-TX a failing ResourceChanged listener fails the request and rolls its writes back', async () => {
    const veto: EventListener = {
      name: 'veto',
      handle(event) {
        if (event.type === 'ResourceChanged') throw new Error('no');
      },
    };
    const { call } = testApp({ listeners: [veto] });
    const response = await call('POST', '/v1/mushrooms', { body: { data: { n: 1 } } });
    expect(response.status).toBe(500);
    expect((await call('GET', '/v1/mushrooms')).json.data).toEqual([]);
  });

  it('F-TK-TX an error response rolls back the writes made before it', async () => {
    const { call, backends } = testApp();
    // PUT creates the object, then its permission body is refused: nothing may remain.
    const response = await call('PUT', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-eeeeeeeeeeee', {
      body: { data: { n: 1 }, permissions: { read: 'not-a-list' } },
    });
    expect(response.status).toBe(400);
    const listed = await backends.storage.listAll(
      { resource: 'mushroom', parent: '' },
      { includeDeleted: true },
    );
    expect(listed).toEqual([]);
  });

  it('F-TK-EVT-01 AfterResourceChanged failures are logged, never surfaced', async () => {
    const after: EventListener = {
      name: 'after',
      handle(event) {
        if (event.type === 'AfterResourceChanged') throw new Error('late');
      },
    };
    const { call } = testApp({ listeners: [after] });
    const response = await call('POST', '/v1/mushrooms', { body: { data: {} } });
    expect(response.status).toBe(201);
  });

  it('F-TK-EVT-01 reads reach only listeners subscribed to read: ResourceRead then AfterResourceRead', async () => {
    const readers = recorder({ actions: ['read'] });
    const writers = recorder();
    const { call } = testApp({ listeners: [readers.listener, writers.listener] });
    const a = (await call('POST', '/v1/mushrooms', { body: { data: { n: 1 } } })).json.data;
    expect(readers.events).toEqual([]);
    await call('GET', `/v1/mushrooms/${a.id}`);
    expect(readers.events.map((event) => event.type)).toEqual(['ResourceRead', 'AfterResourceRead']);
    expect(readers.events[0]).toMatchObject({
      payload: { action: 'read', mushroom_id: a.id },
      read_objects: [a],
    });
    readers.events.length = 0;
    await call('GET', '/v1/mushrooms');
    expect(readers.events[0]).toMatchObject({ type: 'ResourceRead', read_objects: [a] });
    expect(writers.events.filter((event) => event.type.includes('Read'))).toEqual([]);
  });

  it('F-TK-EVT-01 a POST of an existing id and a plural DELETE that deletes nothing are reads', async () => {
    const readers = recorder({ actions: ['read'] });
    const { call } = testApp({ listeners: [readers.listener] });
    const id = '6e3a3f5e-8b7d-4a39-9d44-abababababab';
    await call('POST', '/v1/mushrooms', { body: { data: { id } } });
    expect(readers.events).toEqual([]);
    await call('POST', '/v1/mushrooms', { body: { data: { id } } });
    expect(readers.events[0]).toMatchObject({
      type: 'ResourceRead',
      payload: { action: 'read' },
      read_objects: [{ id }],
    });
    readers.events.length = 0;
    await call('DELETE', '/v1/mushrooms?n=42');
    expect(readers.events[0]).toMatchObject({ type: 'ResourceRead', read_objects: [] });
  });
});
