import type { Channel } from './channel';
import { emailChannel } from './email/email-channel';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each channel has its own configuration and failure type
export type AnyChannel = Channel<any, any>;

/** Channels by name; a second channel of the same name is refused (a copy-paste slip, not a choice). */
export class ChannelRegistry {
  private readonly byName = new Map<string, AnyChannel>();

  register(channel: AnyChannel): this {
    if (this.byName.has(channel.name)) throw new Error(`Channel "${channel.name}" is registered twice`);
    this.byName.set(channel.name, channel);
    return this;
  }

  get(name: string): AnyChannel {
    const channel = this.byName.get(name);
    if (!channel) throw new Error(`Unknown channel "${name}"`);
    return channel;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  all(): AnyChannel[] {
    return [...this.byName.values()];
  }
}

/** Every channel Lowbal delivers through: adding one is its module, its settings form and this line. */
export const CHANNELS = new ChannelRegistry().register(emailChannel);
