import { describe, expect, it } from 'vitest';
import { isChannelName } from './channel-name';

describe('isChannelName', () => {
  it('accepts dotted operation names', () => {
    for (const name of ['profiles.list', 'settings.smtp.test', 'ping', 'clients.importPreview']) {
      expect(isChannelName(name), name).toBe(true);
    }
  });

  it('refuses everything else', () => {
    for (const name of [
      '',
      '.list',
      'profiles.',
      'a..b',
      '__proto__',
      'a/b',
      'a b',
      'x'.repeat(101),
      42,
      null,
    ]) {
      expect(isChannelName(name), String(name)).toBe(false);
    }
  });
});
