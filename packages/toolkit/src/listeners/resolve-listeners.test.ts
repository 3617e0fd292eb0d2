import type { CoreEvent, EventListener } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createApp } from '../create-app.ts';
import { defineResource } from '../index.ts';
import { parseSettings } from '../settings/index.ts';
import { resolveListeners } from './resolve-listeners.ts';

const received: CoreEvent[] = [];
const auditPackage = {
  createListenerFromSettings: (settings: Record<string, unknown>, name: string): EventListener => ({
    name: `${name}:${String(settings[`event_listeners.${name}.label`] ?? '')}`,
    handle: (event) => void received.push(event),
  }),
};
const importer = async (name: string) => {
  if (name === '@acme/audit') return auditPackage;
  throw new Error(`Cannot find package '${name}'`);
};

describe('event listeners from settings', () => {
  it('F-TK-EVT-02 event_listeners names packages; actions and resources filter what they receive', async () => {
    received.length = 0;
    const tasks = defineResource({ name: 'task', pluralPath: '/tasks', objectPath: '/tasks/:id' });
    const { app } = await createApp({
      resources: [tasks],
      importer,
      settings: {
        'kinto.event_listeners': 'audit',
        'event_listeners.audit.use': '@acme/audit',
        'event_listeners.audit.actions': 'delete',
        'event_listeners.audit.label': 'x',
      },
    });
    const created = await app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"data": {}}',
    });
    const { id } = (await created.json()).data;
    expect(received).toEqual([]);
    await app.request(`/v1/tasks/${id}`, { method: 'DELETE' });
    expect(received.map((event) => event.type)).toEqual(['ResourceChanged', 'AfterResourceChanged']);
  });

  it('F-TK-EVT-02 a missing package, factory or bad action is a start-up error naming the setting', async () => {
    const base = { event_listeners: 'a', 'event_listeners.a.use': '@acme/missing' };
    await expect(resolveListeners(parseSettings(base), importer)).rejects.toThrow(/event_listeners\.a\.use/);
    await expect(
      resolveListeners(
        parseSettings({
          ...base,
          'event_listeners.a.use': '@acme/audit',
          'event_listeners.a.actions': 'explode',
        }),
        importer,
      ),
    ).rejects.toThrow(/event_listeners\.a\.actions/);
    await expect(resolveListeners(parseSettings({ event_listeners: 'b' }), importer)).rejects.toThrow(
      /event_listeners\.b\.use/,
    );
    const empty = async () => ({});
    await expect(
      resolveListeners(parseSettings({ ...base, 'event_listeners.a.use': 'x' }), empty),
    ).rejects.toThrow(/createListenerFromSettings/);
  });
});
