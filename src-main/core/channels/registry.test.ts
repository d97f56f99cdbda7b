import { describe, expect, it } from 'vitest';
import { emailChannel } from './email/email-channel';
import { CHANNELS, ChannelRegistry } from './registry';

describe('channel registry', () => {
  it('refuses a second channel of the same name', () => {
    const registry = new ChannelRegistry().register(emailChannel);
    expect(() => registry.register({ ...emailChannel })).toThrow('Channel "email" is registered twice');
    expect(registry.all()).toEqual([emailChannel]);
  });

  it('finds a channel by name and names an unknown one', () => {
    expect(CHANNELS.get('email')).toBe(emailChannel);
    expect(CHANNELS.has('email')).toBe(true);
    expect(CHANNELS.has('pigeon')).toBe(false);
    expect(() => CHANNELS.get('pigeon')).toThrow('Unknown channel "pigeon"');
  });

  it('e-mail validates its targets and sorts SMTP failures', () => {
    expect(emailChannel.validateTarget('ann@acme.example')).toBeNull();
    expect(emailChannel.validateTarget('ann@')).toBe('ann@ is not a valid e-mail address');
    expect(emailChannel.classifyFailure({ error: new Error('ECONNREFUSED'), phase: 'connect' })).toEqual({
      kind: 'unreachable',
      error: 'ECONNREFUSED',
    });
  });
});
