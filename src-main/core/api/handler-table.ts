import type { z } from 'zod';
import { combineHandlers } from './combine-handlers';
import type { Handler } from './define-handler';
import { balanceHandlers } from '../balances/balance-handlers';
import { clientHandlers } from '../clients/client-handlers';
import { currencyHandlers } from '../currencies/currency-handlers';
import { desktopHandlers } from '../desktop/desktop-handlers';
import { interchangeHandlers } from '../interchange/interchange-handlers';
import { engineHandlers } from '../engine/engine-handlers';
import { mailHandlers } from '../mail/mail-handlers';
import { deliveryHandlers } from '../mail/outbox/delivery-handlers';
import { templateHandlers } from '../mail/templates/template-handlers';
import { notificationHandlers } from '../notifications/notification-handlers';
import { overviewHandlers } from '../overview/overview-handlers';
import { profileHandlers } from '../profiles/profile-handlers';
import { resellerHandlers } from '../resellers/reseller-handlers';
import { sampleDataHandlers } from '../sample-data/sample-handlers';
import { userHandlers } from '../users/user-handlers';

/** Every operation the UI (and the CLI, and the headless host) can call, by channel name. */
export const handlerTable = combineHandlers(
  profileHandlers,
  currencyHandlers,
  resellerHandlers,
  userHandlers,
  clientHandlers,
  balanceHandlers,
  sampleDataHandlers,
  interchangeHandlers,
  mailHandlers,
  deliveryHandlers,
  templateHandlers,
  engineHandlers,
  notificationHandlers,
  overviewHandlers,
  desktopHandlers,
);

export type HandlerTable = typeof handlerTable;
export type Channel = keyof HandlerTable;
export type ChannelInput<C extends Channel> = z.input<HandlerTable[C]['input']>;
export type ChannelOutput<C extends Channel> = Awaited<ReturnType<HandlerTable[C]['run']>>;

/** The typed API as the renderer sees it: one async function per channel. */
export type LowbalApi = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

export const CHANNELS = Object.keys(handlerTable) as Channel[];

/** Where hosts send each channel: `read` to a reader, `write` to the writer (see `HandlerMeta`). */
export type ChannelRoutes = Record<string, 'read' | 'write'>;

export function channelRoutes(table: Record<string, Handler> = handlerTable): ChannelRoutes {
  return Object.fromEntries(
    Object.entries(table).map(([channel, handler]) => [channel, handler.meta.reads ? 'read' : 'write']),
  );
}
