import { describe, expect, it } from 'vitest';
import { isAttachmentKey } from './attachments.ts';

describe('isAttachmentKey', () => {
  it('issue 13 attachments: relative /-separated keys only, never escaping their root', () => {
    for (const key of ['a.png', 'fennec/fonts/0c2e.png', 'heartbeat-test/heartbeat.json']) {
      expect(isAttachmentKey(key)).toBe(true);
    }
    for (const key of ['', '/etc/passwd', '../x', 'a/../../b', 'a//b', 'a/./b', 'a\\b', 'a/', 'nul\0byte']) {
      expect(isAttachmentKey(key)).toBe(false);
    }
  });
});
