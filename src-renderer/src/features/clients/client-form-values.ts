import type { ClientRowView } from '@shared/client-views';
import { formatAmount } from '@shared/money';
import type { ClientInput } from '@shared/schemas/client';

/** What the client form holds; the shared schema validates it as it is. */
export type ClientFormValues = {
  name: string;
  /** 0 = not chosen yet. */
  resellerId: number;
  currencyId: number;
  billingEmail: string;
  balance: string;
  credit: string;
  profileId: number | null;
  /** Epoch milliseconds. */
  lastChargeAt: number | null;
  active: boolean;
};

export function emptyClientValues(defaults: { resellerId: number; currencyId: number }): ClientFormValues {
  return {
    name: '',
    resellerId: defaults.resellerId,
    currencyId: defaults.currencyId,
    billingEmail: '',
    balance: '0.00',
    credit: '0.00',
    profileId: null,
    lastChargeAt: null,
    active: true,
  };
}

export function clientToFormValues(client: ClientRowView): ClientFormValues {
  return {
    name: client.name,
    resellerId: client.resellerId,
    currencyId: client.currencyId,
    billingEmail: client.billingEmail ?? '',
    balance: formatAmount(client.balance),
    credit: formatAmount(client.credit),
    profileId: client.profileId,
    lastChargeAt: client.lastChargeAt,
    active: client.active,
  };
}

export function toClientInput(values: ClientFormValues): ClientInput {
  return { ...values, billingEmail: values.billingEmail.trim() || null };
}
