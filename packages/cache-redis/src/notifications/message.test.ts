import { describe, expect, it } from 'vitest';
import { NOTIFICATION_FIELD, notificationOf, parseNotification } from './message.ts';
import { recordEvent } from './test-events.ts';

describe('notification messages', () => {
  it('F-TK-EVT-01 carry the action, the spec payload and the impacted objects (new/old only)', () => {
    const old = { id: 'r1', last_modified: 1, title: 'a' };
    const event = recordEvent('update', 2, [
      { new: { id: 'r1', last_modified: 2, title: 'b' }, old, extra: 'dropped' } as never,
    ]);
    expect(notificationOf(event)).toEqual({
      action: 'update',
      payload: event.payload,
      impacted_objects: [{ new: { id: 'r1', last_modified: 2, title: 'b' }, old }],
    });
    expect(Object.keys(notificationOf(recordEvent('create', 1)).impacted_objects[0] ?? {})).toEqual(['new']);
  });

  it('parse back from the stream entry fields', () => {
    const message = notificationOf(recordEvent('create', 1));
    const fields = ['other', 'x', NOTIFICATION_FIELD, JSON.stringify(message)];
    expect(parseNotification(fields)).toEqual(message);
    expect(() => parseNotification(['other', 'x'])).toThrow(TypeError);
    expect(() => parseNotification([NOTIFICATION_FIELD, '{nope'])).toThrow(TypeError);
  });
});
